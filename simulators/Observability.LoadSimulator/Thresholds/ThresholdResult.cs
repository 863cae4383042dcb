namespace Observability.LoadSimulator.Thresholds;

/// <summary>The verdict of one threshold.</summary>
/// <param name="Scenario">The scenario checked, or null for run-wide (plugin) thresholds.</param>
/// <param name="Name">What was checked, e.g. "latency p99 &lt; 200 ms".</param>
/// <param name="Passed">True when the limit held.</param>
/// <param name="Actual">The measured value, formatted.</param>
public sealed record ThresholdResult(string? Scenario, string Name, bool Passed, string Actual);
