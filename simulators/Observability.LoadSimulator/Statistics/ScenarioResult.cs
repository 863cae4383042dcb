using Observability.LoadSimulator.Thresholds;

namespace Observability.LoadSimulator.Statistics;

/// <summary>Everything measured for one scenario (warm-up excluded except <see cref="WarmUpCounts"/>).</summary>
public sealed record ScenarioResult
{
    public required string Name { get; init; }

    /// <summary>"open" or "closed".</summary>
    public required string Model { get; init; }

    public IReadOnlyList<string> LoadSimulations { get; init; } = [];

    public double WarmUpSeconds { get; init; }

    /// <summary>Measured seconds: from the end of warm-up to the end of the drain.</summary>
    public double DurationSeconds { get; init; }

    public required IterationCounts Counts { get; init; }

    public IterationCounts WarmUpCounts { get; init; } = new();

    /// <summary>From the intended start (corrected for coordinated omission).</summary>
    public LatencyStats Latency { get; init; } = LatencyStats.Empty;

    /// <summary>From the actual start.</summary>
    public LatencyStats ServiceTime { get; init; } = LatencyStats.Empty;

    /// <summary>Successful iterations per measured second.</summary>
    public double Rps { get; init; }

    public long BytesTransferred { get; init; }

    public IReadOnlyDictionary<string, long> StatusCodes { get; init; } = new Dictionary<string, long>();

    public IReadOnlyList<StepResult> Steps { get; init; } = [];

    public IReadOnlyList<IntervalStats> Intervals { get; init; } = [];

    public IReadOnlyList<ThresholdResult> Thresholds { get; init; } = [];
}
