namespace Observability.LoadSimulator.Statistics;

/// <summary>
/// One reporting interval of one scenario. Counts are what happened in the interval (started by actual
/// start, completed/failed by completion); summed over all intervals they equal the scenario totals.
/// </summary>
public sealed record IntervalStats
{
    /// <summary>Seconds from the run start.</summary>
    public double StartSeconds { get; init; }

    public double EndSeconds { get; init; }

    public long Intended { get; init; }

    public long Started { get; init; }

    /// <summary>Iterations that finished (ok or fail).</summary>
    public long Completed { get; init; }

    /// <summary>The failed part of <see cref="Completed"/>.</summary>
    public long Failed { get; init; }

    public long Dropped { get; init; }

    public long TimedOut { get; init; }

    /// <summary>Open model: the rate the simulation asked for, averaged over the interval (per second).</summary>
    public double TargetRate { get; init; }

    /// <summary>Started per second.</summary>
    public double AchievedRate { get; init; }

    public double LatencyP50Ms { get; init; }

    public double LatencyP99Ms { get; init; }

    /// <summary>In flight at the end of the interval.</summary>
    public long InFlight { get; init; }

    /// <summary>Closed model: copies at the end of the interval.</summary>
    public int Copies { get; init; }
}
