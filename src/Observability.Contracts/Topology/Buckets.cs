namespace Observability.Contracts.Topology;

/// <summary>NATS KV buckets that hold the read models.</summary>
public static class Buckets
{
    /// <summary>Order summaries keyed by order id.</summary>
    public const string OrderSummaries = "order-summaries";

    /// <summary>Engagement windows keyed by <c>{window-start:yyyyMMddHHmm}</c>.</summary>
    public const string EngagementWindows = "engagement-windows";

    /// <summary>The fault switchboard: one <c>FaultSwitch</c> per key, watched live by the processors.</summary>
    public const string Faults = "kit-faults";
}
