namespace Observability.LoadSimulator.Scheduling;

/// <summary>A live snapshot of one scenario for the console view.</summary>
/// <param name="Name">The scenario.</param>
/// <param name="IsWarmingUp">Before the measured pass.</param>
/// <param name="IsFinished">Drained.</param>
/// <param name="TargetRate">Open model: the rate asked for now, per second.</param>
/// <param name="AchievedRate">Started per second in the last closed interval.</param>
/// <param name="LatencyP50Ms">Median latency of the last closed interval.</param>
/// <param name="LatencyP99Ms">p99 latency of the last closed interval.</param>
/// <param name="Counts">Measured counts so far.</param>
/// <param name="InFlight">Iterations running now.</param>
/// <param name="Copies">Closed model: copies running now.</param>
public sealed record ScenarioProgress(
    string Name,
    bool IsWarmingUp,
    bool IsFinished,
    double TargetRate,
    double AchievedRate,
    double LatencyP50Ms,
    double LatencyP99Ms,
    Statistics.IterationCounts Counts,
    long InFlight,
    int Copies);
