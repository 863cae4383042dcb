using Prometheus;

namespace Observability.Producer;

/// <summary>
/// The producer's own metrics, on top of the kit's publish metrics (<c>kit_events_published_total</c> and friends,
/// recorded by the EventPublisher). Listed in docs/metrics.md; keep the two in step.
/// </summary>
internal static class ProducerMetrics
{
    public static readonly Counter Commands = Metrics.CreateCounter(
        "kit_producer_commands_total", "Order commands issued by the synthetic producer, by command and result.", "command", "outcome");

    public static readonly Gauge PendingSteps = Metrics.CreateGauge(
        "kit_producer_pending_steps", "Order lifecycle steps scheduled and not yet due.");

    public static readonly Gauge TargetRate = Metrics.CreateGauge(
        "kit_producer_target_rate", "The rate the producer is configured for, per second.", "flow");

    public static readonly Gauge ScheduleLag = Metrics.CreateGauge(
        "kit_producer_schedule_lag_seconds", "How late the last scheduler round started, behind the earliest item it issued.");

    /// <summary>Outcome label values of <see cref="Commands"/>.</summary>
    public static class Outcome
    {
        public const string Accepted = "accepted";
        public const string Replayed = "replayed";
        public const string RuleViolation = "rule_violation";
        public const string ConcurrencyConflict = "concurrency_conflict";
        public const string NotFound = "not_found";
        public const string Failed = "failed";
    }

    /// <summary>Flow label values of <see cref="TargetRate"/>.</summary>
    public static class Flow
    {
        public const string Orders = "orders";
        public const string Clicks = "clicks";
    }
}
