namespace Observability.LoadSimulator.Plugins;

/// <summary>A time series a plugin adds to the reports (e.g. consumer lag).</summary>
/// <param name="Name">Series name, e.g. "consumer lag".</param>
/// <param name="Unit">Unit shown on the chart axis, e.g. "{message}" or "s".</param>
/// <param name="Points">(seconds from run start, value) pairs.</param>
public sealed record PluginSeries(string Name, string Unit, IReadOnlyList<SeriesPoint> Points);
