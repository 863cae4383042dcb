namespace Observability.LoadSimulator.Reports;

/// <summary>A shaded vertical band on an SVG chart, e.g. a fault window.</summary>
/// <param name="Label">Short text drawn at the top of the band, e.g. "F1 exception".</param>
/// <param name="Title">Hover text: the whole step and its window.</param>
/// <param name="Start">Start, seconds.</param>
/// <param name="End">End, seconds.</param>
/// <param name="Color">CSS colour.</param>
internal sealed record ChartBand(string Label, string Title, double Start, double End, string Color);
