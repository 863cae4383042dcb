namespace Observability.LoadSimulator.Config;

/// <summary>The JSON config file (see docs/load-simulator.md). Every value is optional and overrides the code default.</summary>
public sealed record LoadSimConfig
{
    public static LoadSimConfig Empty { get; } = new();

    public string? RunId { get; init; }

    public int? Seed { get; init; }

    public int? MaxConcurrency { get; init; }

    public TimeSpan? GracePeriod { get; init; }

    public TimeSpan? ReportingInterval { get; init; }

    public string? ReportFolder { get; init; }

    public int? MetricsPort { get; init; }

    public string? GrafanaUrl { get; init; }

    public IReadOnlyList<ScenarioConfig> Scenarios { get; init; } = [];

    public ScenarioConfig? For(string scenario) =>
        Scenarios.FirstOrDefault(s => string.Equals(s.Name, scenario, StringComparison.Ordinal));
}
