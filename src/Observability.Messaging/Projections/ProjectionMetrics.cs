using Prometheus;

namespace Observability.Messaging.Projections;

/// <summary>What the projections' writes cost: lost compare-and-set races and catch-ups from the event store.</summary>
public static class ProjectionMetrics
{
    public static readonly Counter WriteConflicts = Metrics.CreateCounter(
        "kit_projection_write_conflicts_total", "Compare-and-set writes that lost to a concurrent writer and were retried.", "projection");

    public static readonly Counter CatchUps = Metrics.CreateCounter(
        "kit_projection_catch_ups_total", "Messages a projection folded from the event store because a later event of the same key arrived first.", "projection");
}
