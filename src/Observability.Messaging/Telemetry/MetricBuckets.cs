namespace Observability.Messaging.Telemetry;

/// <summary>Histogram buckets shared by the kit's components, so their latencies line up on one dashboard.</summary>
public static class MetricBuckets
{
    /// <summary>100 µs to ~30 s: sub-millisecond processing stays visible.</summary>
    public static readonly double[] Latency =
        [0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

    /// <summary>Freshness spans more: from 1 ms to 10 minutes, for lag that builds up under load.</summary>
    public static readonly double[] Freshness =
        [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 600];
}
