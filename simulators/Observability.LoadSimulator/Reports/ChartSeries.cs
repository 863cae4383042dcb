namespace Observability.LoadSimulator.Reports;

/// <summary>One line of an SVG chart.</summary>
/// <param name="Name">Legend text.</param>
/// <param name="Color">CSS colour.</param>
/// <param name="Points">(x, y) pairs, x in seconds.</param>
internal sealed record ChartSeries(string Name, string Color, IReadOnlyList<(double X, double Y)> Points);
