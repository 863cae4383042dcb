namespace Observability.LoadSimulator.Plugins;

/// <summary>One sample of a plugin series.</summary>
/// <param name="Seconds">Seconds from the run start.</param>
/// <param name="Value">The value.</param>
public readonly record struct SeriesPoint(double Seconds, double Value);
