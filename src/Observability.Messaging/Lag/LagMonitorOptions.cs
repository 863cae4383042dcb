using Observability.Contracts.Topology;
using Observability.Messaging.Consuming;

namespace Observability.Messaging.Lag;

/// <summary>What the lag monitor polls and how often.</summary>
public sealed record LagMonitorOptions
{
    public static LagMonitorOptions Default { get; } = new();

    /// <summary>Time between polls of consumer info. Default 2 s (one consumer-info request per durable per poll).</summary>
    public TimeSpan Interval { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>The durables to watch. Default: the kit's order-summary and engagement consumers.</summary>
    public IReadOnlyList<DurableName> Consumers { get; init; } =
    [
        new(Streams.Orders, Contracts.Topology.Consumers.OrderSummary),
        new(Streams.Clickstream, Contracts.Topology.Consumers.Engagement),
    ];
}
