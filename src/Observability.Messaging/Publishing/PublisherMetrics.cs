using Observability.Messaging.Telemetry;
using Prometheus;

namespace Observability.Messaging.Publishing;

/// <summary>
/// The publisher's metrics (prometheus-net native instruments: cheap, with exemplars). Registered on first use, so
/// only a process that publishes exports them. Listed in docs/metrics.md.
/// </summary>
public static class PublisherMetrics
{
    public static readonly Counter EventsPublished = Metrics.CreateCounter(
        "kit_events_published_total", "Publish attempts by result.", "stream", "event_type", "outcome");

    public static readonly Histogram PublishDuration = Metrics.CreateHistogram(
        "kit_publish_duration_seconds", "From publish to the broker's ack.",
        new HistogramConfiguration { LabelNames = ["stream"], Buckets = MetricBuckets.Latency });

    public static readonly Counter AppendConflicts = Metrics.CreateCounter(
        "kit_append_conflicts_total", "Appends refused by optimistic concurrency.", "stream");

    /// <summary>Outcome label values of <see cref="EventsPublished"/>.</summary>
    public static class Outcome
    {
        public const string Stored = "stored";
        public const string Duplicate = "duplicate";
        public const string Rejected = "rejected";
        public const string Failed = "failed";
        public const string Retried = "retried";
    }
}
