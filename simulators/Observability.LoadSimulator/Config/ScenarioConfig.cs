using Observability.LoadSimulator.Faults;
using Observability.LoadSimulator.Simulations;
using Observability.LoadSimulator.Thresholds;

namespace Observability.LoadSimulator.Config;

/// <summary>Overrides for one scenario from the JSON config. Null leaves the code default.</summary>
public sealed record ScenarioConfig
{
    public required string Name { get; init; }

    public TimeSpan? WarmUp { get; init; }

    public int? Weight { get; init; }

    public IReadOnlyList<LoadSimulation>? LoadSimulations { get; init; }

    public ThresholdOptions? Thresholds { get; init; }

    /// <summary>The fault timeline; replaces the scenario's own when present (an empty list turns it off).</summary>
    public IReadOnlyList<FaultStep>? Faults { get; init; }

    /// <summary>Custom settings (target URLs, service times), merged key by key over the code defaults.</summary>
    public IReadOnlyDictionary<string, string> Settings { get; init; } = new Dictionary<string, string>();
}
