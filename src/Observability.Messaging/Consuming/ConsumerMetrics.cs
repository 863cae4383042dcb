using Observability.Messaging.Telemetry;
using Prometheus;

namespace Observability.Messaging.Consuming;

/// <summary>The consumer host's metrics: what each durable did with its messages, how long it took, how fresh they were.</summary>
public static class ConsumerMetrics
{
    public static readonly Counter MessagesProcessed = Metrics.CreateCounter(
        "kit_messages_processed_total", "Messages handled, by outcome.", "stream", "consumer", "event_type", "outcome");

    public static readonly Histogram ProcessingDuration = Metrics.CreateHistogram(
        "kit_processing_duration_seconds", "Time to handle one message, from receipt to ack, nak or dead letter.",
        new HistogramConfiguration { LabelNames = ["stream", "consumer", "event_type"], Buckets = MetricBuckets.Latency });

    public static readonly Histogram EventAge = Metrics.CreateHistogram(
        "kit_event_age_seconds", "End-to-end freshness: now minus the event time when its processing finished.",
        new HistogramConfiguration { LabelNames = ["stream", "consumer", "event_type"], Buckets = MetricBuckets.Freshness });

    public static readonly Counter Redeliveries = Metrics.CreateCounter(
        "kit_redeliveries_total", "Messages received with a delivery count above 1.", "stream", "consumer");

    /// <summary>Outcome label values of <see cref="MessagesProcessed"/>.</summary>
    public static class Outcome
    {
        public const string Acked = "acked";
        public const string Nak = "nak";
        public const string DeadLettered = "dead_lettered";
        public const string DuplicateSkipped = "duplicate_skipped";
    }
}
