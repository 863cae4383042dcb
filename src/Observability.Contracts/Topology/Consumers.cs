namespace Observability.Contracts.Topology;

/// <summary>Durable consumer names: one per processor role; replicas of a role share it (competing consumers).</summary>
public static class Consumers
{
    /// <summary>Builds the order-summary read model from ORDERS.</summary>
    public const string OrderSummary = "order-summary";

    /// <summary>Builds per-minute engagement windows from CLICKSTREAM.</summary>
    public const string Engagement = "engagement";
}
