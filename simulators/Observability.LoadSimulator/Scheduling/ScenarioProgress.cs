namespace Observability.LoadSimulator.Scheduling;

/// <summary>A live snapshot of one scenario for the console view.</summary>
public sealed record ScenarioProgress
{
    public required string Name { get; init; }

    public bool IsWarmingUp { get; init; }

    public bool IsFinished { get; init; }

    public double TargetRate { get; init; }

    /// <summary>Started per second in the last closed interval.</summary>
    public double AchievedRate { get; init; }

    public double LatencyP50Ms { get; init; }

    public double LatencyP99Ms { get; init; }

    public long Ok { get; init; }

    public long Fail { get; init; }

    public long Dropped { get; init; }

    public long TimedOut { get; init; }

    public long InFlight { get; init; }

    public int Copies { get; init; }
}
