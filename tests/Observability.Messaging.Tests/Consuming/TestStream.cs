using System.Globalization;
using NATS.Client.Core;
using NATS.Client.JetStream;
using NATS.Client.JetStream.Models;
using NATS.Client.KeyValueStore;
using Observability.Contracts.Events;
using Observability.Contracts.Orders;
using Observability.Contracts.Topology;
using Observability.Messaging.Consuming;
using Observability.Messaging.Topology;

namespace Observability.Messaging.Tests.Consuming;

/// <summary>A stream, durable and bucket of one test's own (Guid names), with short AckWait so redelivery tests are fast.</summary>
internal sealed class TestStream
{
    private TestStream(INatsJSContext js, string name, INatsKVStore bucket)
    {
        Js = js;
        Name = name;
        Bucket = bucket;
    }

    public INatsJSContext Js { get; }
    public string Name { get; }
    public string Consumer => "c-" + Name;
    public string SubjectPrefix => Name.ToLowerInvariant() + ".";
    public INatsKVStore Bucket { get; }

    public static async Task<TestStream> CreateAsync(INatsJSContext js, TopologyOptions topology, CancellationToken cancellationToken)
    {
        var name = "T" + Guid.NewGuid().ToString("N")[..12].ToUpperInvariant();
        var stream = new TestStream(js, name, await new NatsKVContext(js).CreateStoreAsync(new NatsKVConfig("kv-" + name.ToLowerInvariant()), cancellationToken));
        await js.CreateStreamAsync(new StreamConfig(name, [stream.SubjectPrefix + ">"]) { AllowDirect = true }, cancellationToken);
        await js.CreateOrUpdateConsumerAsync(name, JetStreamTopology.DurableConsumer(stream.Consumer, stream.SubjectPrefix + ">", topology), cancellationToken);
        return stream;
    }

    public ConsumerHostOptions HostOptions => new()
    {
        Stream = Name,
        Consumer = Consumer,
        Concurrency = 4,
        NakBaseDelay = TimeSpan.FromMilliseconds(100),
        NakMaxDelay = TimeSpan.FromMilliseconds(400),
        ShutdownTimeout = TimeSpan.FromSeconds(5),
        DestinationTemplate = s => Name.ToLowerInvariant() + ".{order_id}",
    };

    public string Subject(string orderId) => SubjectPrefix + orderId;

    public Task<ulong> PublishAsync(IOrderEvent e, CancellationToken cancellationToken) =>
        PublishRawAsync(Subject(e.OrderId), EventCatalog.Serialize(e), Headers(EventCatalog.Of(e).Name, e.OccurredAt), cancellationToken);

    public async Task<ulong> PublishRawAsync(string subject, byte[] data, NatsHeaders? headers, CancellationToken cancellationToken)
    {
        var ack = await Js.PublishAsync(subject, data, headers: headers, cancellationToken: cancellationToken);
        ack.EnsureSuccess();
        return ack.Seq;
    }

    public static NatsHeaders Headers(string type, DateTimeOffset time) => new()
    {
        [MessageHeaders.SpecVersion] = MessageHeaders.CloudEventsSpecVersion,
        [MessageHeaders.Id] = Guid.NewGuid().ToString("N"),
        [MessageHeaders.Type] = type,
        [MessageHeaders.Source] = "/tests",
        [MessageHeaders.Time] = time.ToString("O", CultureInfo.InvariantCulture),
        [MessageHeaders.ContentType] = MessageHeaders.JsonContentType,
    };

    public async Task<ConsumerInfoSnapshot> ConsumerInfoAsync(CancellationToken cancellationToken)
    {
        var consumer = await Js.GetConsumerAsync(Name, Consumer, cancellationToken);
        return new ConsumerInfoSnapshot(consumer.Info.NumPending, consumer.Info.NumAckPending, consumer.Info.AckFloor.StreamSeq);
    }

    public static OrderPlaced Placed(string orderId, decimal total = 20m) =>
        new(orderId, "c-1", [new OrderLine("SKU-1", 2, total / 2)], total, "EUR", DateTimeOffset.UtcNow);
}

internal readonly record struct ConsumerInfoSnapshot(ulong Pending, long AckPending, ulong AckFloor);
