namespace Observability.LoadSimulator.Thresholds;

/// <summary>Limits checked on a scenario's measured (post warm-up) results. Null means "not checked".</summary>
public sealed record ThresholdOptions
{
    /// <summary>No limits.</summary>
    public static ThresholdOptions None { get; } = new();

    /// <summary>Final: p99 of the corrected latency must be below this many milliseconds. Default: not checked.</summary>
    public double? MaxLatencyP99Ms { get; init; }

    /// <summary>Final: p99 of the service time must be below this many milliseconds. Default: not checked.</summary>
    public double? MaxServiceTimeP99Ms { get; init; }

    /// <summary>Final: failed + timed-out iterations as a percentage of started must be below this. Default: not checked.</summary>
    public double? MaxFailPercent { get; init; }

    /// <summary>Final: dropped as a percentage of intended must be below this. Default: not checked.</summary>
    public double? MaxDroppedPercent { get; init; }

    /// <summary>Runtime: abort the run when the failure percentage (after warm-up) exceeds this. Default: never abort.</summary>
    public double? AbortWhenFailPercentAbove { get; init; }

    /// <summary>Runtime: do not judge the failure percentage before this many completed iterations. Default 20.</summary>
    public long AbortMinIterations { get; init; } = 20;
}
