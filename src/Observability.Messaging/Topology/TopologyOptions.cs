namespace Observability.Messaging.Topology;

/// <summary>How the JetStream topology is sized. Defaults suit one server; set <see cref="Replicas"/> to 3 on a cluster.</summary>
public sealed record TopologyOptions
{
    public static TopologyOptions Default { get; } = new();

    /// <summary>Stream and bucket replicas (R1 on a single server, R3 on a 3-node cluster).</summary>
    public int Replicas { get; init; } = 1;

    /// <summary>Window in which a repeated <c>Nats-Msg-Id</c> is recognised and stored once. Default 2 minutes.</summary>
    public TimeSpan DuplicateWindow { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>Clickstream retention by age. Default 1 hour: a broker buffer, not a record.</summary>
    public TimeSpan ClickstreamMaxAge { get; init; } = TimeSpan.FromHours(1);

    /// <summary>Clickstream retention by size. Default 1 GiB.</summary>
    public long ClickstreamMaxBytes { get; init; } = 1L << 30;

    /// <summary>Dead letters are kept a week for inspection and replay.</summary>
    public TimeSpan DeadLetterMaxAge { get; init; } = TimeSpan.FromDays(7);

    /// <summary>How long the broker waits for an ack before redelivering. Default 30 s.</summary>
    public TimeSpan AckWait { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Deliveries before a message is given up on and dead-lettered. Default 5.</summary>
    public int MaxDeliver { get; init; } = 5;

    /// <summary>Unacknowledged messages the broker lets one durable have in flight. Default 10 000.</summary>
    public int MaxAckPending { get; init; } = 10_000;
}
