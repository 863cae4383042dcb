using NATS.Client.JetStream;
using NATS.Client.JetStream.Models;
using NATS.Client.KeyValueStore;
using Observability.Contracts.Topology;

namespace Observability.Messaging.Topology;

/// <summary>
/// The JetStream topology as code: streams, durable consumers and KV buckets, created or updated idempotently at
/// start-up by every service, so no manual step exists. Works on nats-server 2.9.10 and later (single FilterSubject).
/// </summary>
public static class JetStreamTopology
{
    public static StreamConfig OrdersStream(TopologyOptions o) => new(Streams.Orders, [Subjects.OrdersAll])
    {
        Description = "Event store: append-only system of record, one subject per order.",
        Storage = StreamConfigStorage.File,
        Retention = StreamConfigRetention.Limits,
        MaxAge = TimeSpan.Zero,
        DuplicateWindow = o.DuplicateWindow,
        NumReplicas = o.Replicas,
        DenyDelete = true,
        DenyPurge = true,
        AllowDirect = true,
    };

    public static StreamConfig ClickstreamStream(TopologyOptions o) => new(Streams.Clickstream, [Subjects.ClickstreamAll])
    {
        Description = "Clickstream: high volume, bounded by age and size.",
        Storage = StreamConfigStorage.File,
        Retention = StreamConfigRetention.Limits,
        MaxAge = o.ClickstreamMaxAge,
        MaxBytes = o.ClickstreamMaxBytes,
        Discard = StreamConfigDiscard.Old,
        DuplicateWindow = o.DuplicateWindow,
        NumReplicas = o.Replicas,
        // Replays and the delivery audit read single messages by sequence.
        AllowDirect = true,
    };

    public static StreamConfig DeadLetterStream(TopologyOptions o) => new(Streams.DeadLetter, [Subjects.DeadLetterAll])
    {
        Description = "Messages that could not be processed: original payload and headers plus reason and origin.",
        Storage = StreamConfigStorage.File,
        Retention = StreamConfigRetention.Limits,
        MaxAge = o.DeadLetterMaxAge,
        DuplicateWindow = o.DuplicateWindow,
        NumReplicas = o.Replicas,
    };

    /// <summary>A durable pull consumer: explicit acks, bounded deliveries, one filter subject.</summary>
    public static ConsumerConfig DurableConsumer(string name, string filterSubject, TopologyOptions o) => new(name)
    {
        DurableName = name,
        FilterSubject = filterSubject,
        AckPolicy = ConsumerConfigAckPolicy.Explicit,
        DeliverPolicy = ConsumerConfigDeliverPolicy.All,
        AckWait = o.AckWait,
        MaxDeliver = o.MaxDeliver,
        MaxAckPending = o.MaxAckPending,
        ReplayPolicy = ConsumerConfigReplayPolicy.Instant,
    };

    public static IReadOnlyList<(string Stream, ConsumerConfig Config)> Consumers(TopologyOptions o) =>
    [
        (Streams.Orders, DurableConsumer(Contracts.Topology.Consumers.OrderSummary, Subjects.OrdersAll, o)),
        (Streams.Clickstream, DurableConsumer(Contracts.Topology.Consumers.Engagement, Subjects.ClickstreamAll, o)),
    ];

    public static IReadOnlyList<NatsKVConfig> Buckets(TopologyOptions o) =>
    [
        new(Contracts.Topology.Buckets.OrderSummaries) { History = 1, Storage = NatsKVStorageType.File, NumberOfReplicas = o.Replicas, Description = "Order summaries (read model) keyed by order id." },
        new(Contracts.Topology.Buckets.EngagementWindows) { History = 1, Storage = NatsKVStorageType.File, NumberOfReplicas = o.Replicas, Description = "One-minute engagement windows." },
        new(Contracts.Topology.Buckets.Faults) { History = 1, Storage = NatsKVStorageType.File, NumberOfReplicas = o.Replicas, Description = "Fault switchboard: switches the processors obey live." },
    ];

    /// <summary>Creates or updates every stream, durable consumer and bucket.</summary>
    public static async Task EnsureAsync(INatsJSContext js, TopologyOptions options, CancellationToken cancellationToken)
    {
        foreach (var stream in new[] { OrdersStream(options), ClickstreamStream(options), DeadLetterStream(options) })
        {
            await js.CreateOrUpdateStreamAsync(stream, cancellationToken);
        }

        foreach (var (stream, consumer) in Consumers(options))
        {
            await js.CreateOrUpdateConsumerAsync(stream, consumer, cancellationToken);
        }

        var kv = new NatsKVContext(js);
        foreach (var bucket in Buckets(options))
        {
            await kv.CreateOrUpdateStoreAsync(bucket, cancellationToken);
        }
    }

    /// <summary>True when every stream, consumer and bucket exists: the readiness check.</summary>
    public static async Task<bool> IsPresentAsync(INatsJSContext js, CancellationToken cancellationToken)
    {
        try
        {
            foreach (var name in new[] { Streams.Orders, Streams.Clickstream, Streams.DeadLetter })
            {
                await js.GetStreamAsync(name, cancellationToken: cancellationToken);
            }

            foreach (var (stream, consumer) in Consumers(TopologyOptions.Default))
            {
                await js.GetConsumerAsync(stream, consumer.Name!, cancellationToken);
            }

            return true;
        }
        catch (NatsJSApiException)
        {
            return false;
        }
    }
}
