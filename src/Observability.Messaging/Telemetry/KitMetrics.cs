using Prometheus;

namespace Observability.Messaging.Telemetry;

/// <summary>
/// The kit's hot-path metrics as prometheus-net native instruments: cheap, and they carry exemplars (trace id, span id
/// of the current activity). Names, labels and meanings are listed in docs/metrics.md; keep the two in step.
/// </summary>
public static class KitMetrics
{
    /// <summary>100 µs to ~30 s: sub-millisecond processing stays visible.</summary>
    public static readonly double[] LatencyBuckets =
        [0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

    /// <summary>Freshness spans more: from 1 ms to 10 minutes, for lag that builds up under load.</summary>
    public static readonly double[] FreshnessBuckets =
        [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 600];

    public static readonly Counter EventsPublished = Metrics.CreateCounter(
        "kit_events_published_total", "Publish attempts by result.", "stream", "event_type", "outcome");

    public static readonly Histogram PublishDuration = Metrics.CreateHistogram(
        "kit_publish_duration_seconds", "From publish to the broker's ack.",
        new HistogramConfiguration { LabelNames = ["stream"], Buckets = LatencyBuckets });

    public static readonly Counter AppendConflicts = Metrics.CreateCounter(
        "kit_append_conflicts_total", "Appends refused by optimistic concurrency.", "stream");

    public static readonly Counter MessagesProcessed = Metrics.CreateCounter(
        "kit_messages_processed_total", "Messages handled, by outcome.", "stream", "consumer", "event_type", "outcome");

    public static readonly Histogram ProcessingDuration = Metrics.CreateHistogram(
        "kit_processing_duration_seconds", "Time to handle one message, from receipt to ack, nak or dead letter.",
        new HistogramConfiguration { LabelNames = ["stream", "consumer", "event_type"], Buckets = LatencyBuckets });

    public static readonly Histogram EventAge = Metrics.CreateHistogram(
        "kit_event_age_seconds", "End-to-end freshness: now minus the event time when its processing finished.",
        new HistogramConfiguration { LabelNames = ["stream", "consumer", "event_type"], Buckets = FreshnessBuckets });

    public static readonly Counter Redeliveries = Metrics.CreateCounter(
        "kit_redeliveries_total", "Messages received with a delivery count above 1.", "stream", "consumer");

    public static readonly Counter DeadLetters = Metrics.CreateCounter(
        "kit_dead_letters_total", "Messages written to the DEADLETTER stream, by reason.", "stream", "consumer", "reason");

    public static readonly Counter ProjectionWriteConflicts = Metrics.CreateCounter(
        "kit_projection_write_conflicts_total", "Compare-and-set writes that lost to a concurrent writer and were retried.", "projection");

    /// <summary>Outcome label values of <see cref="EventsPublished"/>.</summary>
    public static class PublishOutcome
    {
        public const string Stored = "stored";
        public const string Duplicate = "duplicate";
        public const string Rejected = "rejected";
        public const string Failed = "failed";
    }

    /// <summary>Outcome label values of <see cref="MessagesProcessed"/>.</summary>
    public static class ProcessOutcome
    {
        public const string Acked = "acked";
        public const string Nak = "nak";
        public const string DeadLettered = "dead_lettered";
        public const string DuplicateSkipped = "duplicate_skipped";
    }
}
