using Prometheus;

namespace Observability.LoadSimulator.Metrics;

/// <summary>The instruments of one scenario with their labels bound once, so the hot path does no label lookups.</summary>
internal sealed class ScenarioMetrics(
    Counter.Child okCount,
    Counter.Child failCount,
    Counter.Child droppedCount,
    Histogram.Child latencyHistogram,
    Histogram.Child serviceTimeHistogram,
    Gauge.Child targetRateGauge,
    Gauge.Child inflightGauge,
    Gauge.Child copiesGauge)
{
    public void Completed(bool isError, TimeSpan latency, TimeSpan serviceTime)
    {
        (isError ? failCount : okCount).Inc();
        latencyHistogram.Observe(latency.TotalSeconds);
        serviceTimeHistogram.Observe(serviceTime.TotalSeconds);
    }

    /// <summary>Timed-out iterations count as fail: the catalog's outcomes are ok, fail and dropped.</summary>
    public void TimedOut() => failCount.Inc();

    public void Dropped() => droppedCount.Inc();

    public void SetInflight(long value) => inflightGauge.Set(value);

    public void SetCopies(int value) => copiesGauge.Set(value);

    public void SetTargetRate(double value) => targetRateGauge.Set(value);
}
