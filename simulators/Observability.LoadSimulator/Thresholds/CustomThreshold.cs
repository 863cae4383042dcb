using Observability.LoadSimulator.Statistics;

namespace Observability.LoadSimulator.Thresholds;

/// <summary>A threshold written in code over the scenario's final result.</summary>
/// <param name="Name">Shown in the report.</param>
/// <param name="Check">Returns true when the limit held.</param>
public sealed record CustomThreshold(string Name, Func<ScenarioResult, bool> Check);
