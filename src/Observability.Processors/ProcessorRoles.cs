namespace Observability.Processors;

/// <summary>The roles a processors instance can run (<c>Processors:Roles</c>); replicas of a role share its durable.</summary>
public static class ProcessorRoles
{
    /// <summary>ORDERS -> <c>order-summaries</c> KV bucket, plus the order revenue and status counters.</summary>
    public const string OrderSummary = "order-summary";

    /// <summary>CLICKSTREAM -> one-minute engagement windows in the <c>engagement-windows</c> bucket.</summary>
    public const string Engagement = "engagement";

    /// <summary>Dead-letters messages the broker gave up on (MAX_DELIVERIES advisory).</summary>
    public const string DeadLetters = "dead-letters";

    /// <summary>Exports consumer lag gauges.</summary>
    public const string LagMonitor = "lag-monitor";

    public static IReadOnlyList<string> All { get; } = [OrderSummary, Engagement, DeadLetters, LagMonitor];
}
