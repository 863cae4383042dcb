namespace Observability.LoadSimulator.Statistics;

/// <summary>A latency distribution in milliseconds (recorded at microsecond resolution).</summary>
public sealed record LatencyStats
{
    /// <summary>No samples.</summary>
    public static LatencyStats Empty { get; } = new();

    public long Count { get; init; }

    public double MinMs { get; init; }

    public double MeanMs { get; init; }

    public double MaxMs { get; init; }

    public double StdDevMs { get; init; }

    public double P50Ms { get; init; }

    public double P75Ms { get; init; }

    public double P95Ms { get; init; }

    public double P99Ms { get; init; }

    public double P999Ms { get; init; }
}
