namespace Observability.LoadSimulator.Cli;

/// <summary>The command line of <c>loadsim run</c>, parsed and typed; null means "not given".</summary>
internal sealed record RunArguments
{
    public IReadOnlyList<string> Scenarios { get; init; } = [];

    public double? Rate { get; init; }

    public int? Copies { get; init; }

    public TimeSpan? Duration { get; init; }

    public TimeSpan? WarmUp { get; init; }

    public int? Seed { get; init; }

    public string? Config { get; init; }

    public IReadOnlyDictionary<string, string> Settings { get; init; } = new Dictionary<string, string>();

    /// <summary>Every <c>--fault "&lt;step&gt;"</c>, in order.</summary>
    public IReadOnlyList<string> Faults { get; init; } = [];

    public string? ReportFolder { get; init; }

    public string? RunId { get; init; }

    public int? MaxConcurrency { get; init; }

    public TimeSpan? Grace { get; init; }

    public TimeSpan? Interval { get; init; }

    public double? MaxP99Ms { get; init; }

    public double? MaxFailPercent { get; init; }

    public double? AbortFailPercent { get; init; }

    public int? MetricsPort { get; init; }

    public TimeSpan? MetricsLinger { get; init; }

    public string? GrafanaUrl { get; init; }

    public double? MaxDrainSeconds { get; init; }

    public bool NoLive { get; init; }
}
