using HdrHistogram;

namespace Observability.LoadSimulator.Statistics;

/// <summary>Thread-safe HdrHistogram in microseconds (1 µs .. 1 h) that also keeps the exact min and max.</summary>
internal sealed class LatencyRecorder
{
    private const long Lowest = 1;
    private const long Highest = 3_600_000_000;
    private readonly Lock _gate = new();
    private readonly int _significantDigits;
    private LongHistogram _histogram;
    private long _min = long.MaxValue;
    private long _max;

    public LatencyRecorder(int significantDigits = 3)
    {
        _significantDigits = significantDigits;
        _histogram = new LongHistogram(Lowest, Highest, significantDigits);
    }

    public static long ToMicroseconds(TimeSpan value) =>
        Math.Clamp(value.Ticks / (TimeSpan.TicksPerMillisecond / 1000), Lowest, Highest);

    public void Record(TimeSpan value)
    {
        var micros = ToMicroseconds(value);
        lock (_gate)
        {
            _histogram.RecordValue(micros);
            _min = Math.Min(_min, micros);
            _max = Math.Max(_max, micros);
        }
    }

    public LatencyStats Snapshot()
    {
        lock (_gate)
        {
            return Describe(_histogram, _min, _max);
        }
    }

    /// <summary>Returns the stats so far and starts afresh (per-interval series).</summary>
    public LatencyStats SnapshotAndReset()
    {
        lock (_gate)
        {
            var stats = Describe(_histogram, _min, _max);
            _histogram = new LongHistogram(Lowest, Highest, _significantDigits);
            _min = long.MaxValue;
            _max = 0;
            return stats;
        }
    }

    private static LatencyStats Describe(LongHistogram histogram, long min, long max)
    {
        if (histogram.TotalCount == 0)
        {
            return LatencyStats.Empty;
        }

        return new LatencyStats
        {
            Count = histogram.TotalCount,
            MinMs = min / 1000.0,
            MeanMs = histogram.GetMean() / 1000.0,
            MaxMs = max / 1000.0,
            StdDevMs = histogram.GetStdDeviation() / 1000.0,
            P50Ms = Percentile(histogram, 50, max),
            P75Ms = Percentile(histogram, 75, max),
            P95Ms = Percentile(histogram, 95, max),
            P99Ms = Percentile(histogram, 99, max),
            P999Ms = Percentile(histogram, 99.9, max),
        };
    }

    // HdrHistogram reports the top of a bucket; never above the exact max we saw.
    private static double Percentile(LongHistogram histogram, double percentile, long max) =>
        Math.Min(histogram.GetValueAtPercentile(percentile), max) / 1000.0;
}
