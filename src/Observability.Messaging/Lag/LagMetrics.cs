using Prometheus;

namespace Observability.Messaging.Lag;

/// <summary>Consumer lag and stream size, polled from the broker by the lag monitor.</summary>
public static class LagMetrics
{
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
}
