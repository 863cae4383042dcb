namespace Observability.LoadSimulator.Statistics;

/// <summary>Statistics of one named step (measured iterations only).</summary>
public sealed record StepResult
{
    public required string Name { get; init; }

    public long Ok { get; init; }

    public long Fail { get; init; }

    /// <summary>Step service time plus the iteration's start delay (corrected for coordinated omission).</summary>
    public LatencyStats Latency { get; init; } = LatencyStats.Empty;

    public LatencyStats ServiceTime { get; init; } = LatencyStats.Empty;

    public long BytesTransferred { get; init; }

    public IReadOnlyDictionary<string, long> StatusCodes { get; init; } = new Dictionary<string, long>();
}
