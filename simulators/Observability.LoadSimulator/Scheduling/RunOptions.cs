namespace Observability.LoadSimulator.Scheduling;

/// <summary>Run-wide settings. Change with <c>with</c>: <c>RunOptions.Default with { MaxConcurrency = 100 }</c>.</summary>
public sealed record RunOptions
{
    /// <summary>The defaults listed on each property.</summary>
    public static RunOptions Default { get; } = new();

    /// <summary>Labels metrics and names the report folder. Default: null, meaning a new UTC timestamp id.</summary>
    public string? RunId { get; init; }

    /// <summary>Seeds every Random and data feed of the run. Default 42.</summary>
    public int Seed { get; init; } = 42;

    /// <summary>Open model: iterations in flight per scenario beyond which new ones are dropped. Default 10 000.</summary>
    public int MaxConcurrency { get; init; } = 10_000;

    /// <summary>How long in-flight iterations may finish after the load ends before they count as timed out. Default 30 s.</summary>
    public TimeSpan GracePeriod { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Length of one time-series interval. Default 1 s.</summary>
    public TimeSpan ReportingInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Creates a run id such as <c>20261127-112233-ab12</c>.</summary>
    public static string NewRunId(DateTimeOffset now) =>
        $"{now.UtcDateTime:yyyyMMdd-HHmmss}-{Guid.NewGuid().ToString("N")[..4]}";
}
