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

    // Consumer lag, polled from the broker by the lag monitor.
    public static readonly Gauge ConsumerPending = Metrics.CreateGauge(
        "kit_consumer_pending_messages", "Messages in the stream not yet delivered to the consumer (num_pending).", "stream", "consumer");

    public static readonly Gauge ConsumerAckPending = Metrics.CreateGauge(
        "kit_consumer_ack_pending_messages", "Delivered, not yet acknowledged (num_ack_pending).", "stream", "consumer");

    public static readonly Gauge ConsumerLagMessages = Metrics.CreateGauge(
        "kit_consumer_lag_messages", "Pending plus ack pending: everything not yet processed.", "stream", "consumer");

    public static readonly Gauge ConsumerLagSeconds = Metrics.CreateGauge(
        "kit_consumer_lag_seconds", "Age of the oldest unprocessed message (now minus its broker timestamp); 0 when caught up.", "stream", "consumer");

    public static readonly Gauge ConsumerRedelivered = Metrics.CreateGauge(
        "kit_consumer_redelivered_messages", "Messages delivered more than once and not yet acknowledged (num_redelivered).", "stream", "consumer");

    public static readonly Gauge ConsumerAckFloor = Metrics.CreateGauge(
        "kit_consumer_ack_floor_sequence", "Stream sequence of the consumer's ack floor.", "stream", "consumer");

    public static readonly Gauge ConsumerDelivered = Metrics.CreateGauge(
        "kit_consumer_delivered_sequence", "Last stream sequence delivered to the consumer.", "stream", "consumer");

    public static readonly Gauge ConsumerStatus = Metrics.CreateGauge(
        "kit_consumer_status", "1 for the consumer's current status (ok, behind, stalled, stopped), 0 for the others.", "stream", "consumer", "status");

    public static readonly Gauge StreamMessages = Metrics.CreateGauge(
        "kit_stream_messages", "Messages stored in the stream.", "stream");

    public static readonly Gauge StreamLastSequence = Metrics.CreateGauge(
        "kit_stream_last_sequence", "Last stream sequence.", "stream");

    public static readonly Counter LagMonitorErrors = Metrics.CreateCounter(
        "kit_lag_monitor_errors_total", "Failed polls of consumer info (broker unreachable, consumer missing).", "stream", "consumer");

    // Reactive analytics, updated by the processors' projections.
    public static readonly Counter OrderRevenue = Metrics.CreateCounter(
        "kit_order_revenue_total", "Sum of total over orders placed, counted once per order when the summary projection first applies it.", "currency");

    public static readonly Counter OrdersByStatus = Metrics.CreateCounter(
        "kit_orders_by_status_total", "Order lifecycle transitions applied by the summary projection (once per event).", "status");

    public static readonly Gauge EngagementWindowSessions = Metrics.CreateGauge(
        "kit_engagement_window_sessions", "Distinct sessions active in the latest closed one-minute window.");

    public static readonly Gauge EngagementWindowEvents = Metrics.CreateGauge(
        "kit_engagement_window_events", "Events of each kind in the latest closed one-minute window.", "kind");

    public static readonly Counter EngagementWindowsClosed = Metrics.CreateCounter(
        "kit_engagement_windows_closed_total", "One-minute windows closed and written to the engagement bucket.");

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

    /// <summary>Reason label values of <see cref="DeadLetters"/> (and the <c>kit-dl-reason</c> header).</summary>
    public static class DeadLetterReason
    {
        public const string Unreadable = "unreadable";
        public const string UnknownType = "unknown_type";
        public const string SchemaInvalid = "schema_invalid";
        public const string MaxDeliveries = "max_deliveries";
        public const string Rejected = "rejected";
    }
}
