using Prometheus;

namespace Observability.Processors.Analytics;

/// <summary>Reactive business analytics, updated by the processors' projections as they apply events.</summary>
public static class BusinessMetrics
{
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
}
