namespace Observability.LoadSimulator.Statistics;

/// <summary>
/// Where every iteration went. Always: Intended = Started + Dropped and Started = Ok + Fail + TimedOut.
/// </summary>
public sealed record IterationCounts
{
    /// <summary>Iterations the load simulation asked for (closed model: equal to started).</summary>
    public long Intended { get; init; }

    /// <summary>Iterations that ran.</summary>
    public long Started { get; init; }

    /// <summary>Iterations that could not start at their intended time because the concurrency cap was reached.</summary>
    public long Dropped { get; init; }

    public long Ok { get; init; }

    public long Fail { get; init; }

    /// <summary>Iterations still running when the grace period after the end ran out.</summary>
    public long TimedOut { get; init; }

    /// <summary>Failed and timed-out iterations as a percentage of started (0 when nothing started).</summary>
    public double FailPercent => Started == 0 ? 0 : 100.0 * (Fail + TimedOut) / Started;

    /// <summary>Dropped iterations as a percentage of intended.</summary>
    public double DroppedPercent => Intended == 0 ? 0 : 100.0 * Dropped / Intended;

    /// <summary>True when the books balance.</summary>
    public bool AddsUp => Intended == Started + Dropped && Started == Ok + Fail + TimedOut;
}
