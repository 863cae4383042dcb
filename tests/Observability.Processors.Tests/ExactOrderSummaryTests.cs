using NATS.Client.JetStream;
using NATS.Client.JetStream.Models;
using NATS.Client.KeyValueStore;
using NATS.Net;
using Observability.Contracts.Topology;
using Observability.Messaging.Consuming;
using Observability.Messaging.Projections;
using Observability.Processors.Orders;
using Observability.Testing;

namespace Observability.Processors.Tests;

/// <summary>
/// The order summary is exact whatever the replica count: a backlog puts events of one order on two replicas at once,
/// some deliveries fail after their write, one replica dies between its writes and its acks. Every summary must then
/// equal a fresh fold of its order's messages in the event store, each event applied once and in stream order.
/// </summary>
[Collection(NatsCollection.Name)]
public sealed class ExactOrderSummaryTests(NatsServerFixture nats) : JetStreamTest(nats)
{
    private const int Orders = 150;

    private INatsKVStore _bucket = null!;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        _bucket = await new NatsKVContext(Js).CreateStoreAsync("summaries-" + Guid.NewGuid().ToString("N")[..12], Token);
    }

    [Fact]
    public async Task Two_replicas_racing_on_a_backlog_with_redeliveries_after_the_write_apply_every_event_once_and_in_order()
    {
        var durable = await CreateDurableAsync();
        var orderIds = await PublishLifecyclesAsync(Orders, withPreviousSequence: o => o % 5 != 0);
        var catchUps = ProjectionMetrics.CatchUps.WithLabels(OrderSummaryProjection.ProjectionName).Value;

        await using (var a = await ReplicaAsync(durable, batch: 1, new FailAfterWriteOnce(e => e.StreamSequence % 7 == 0)))
        await using (var b = await ReplicaAsync(durable, batch: 8, new FailAfterWriteOnce(e => e.StreamSequence % 11 == 0)))
        {
            await WaitDrainedAsync(durable);
        }

        await AssertExactAsync(orderIds);
        Assert.True(ProjectionMetrics.CatchUps.WithLabels(OrderSummaryProjection.ProjectionName).Value > catchUps,
            "the replicas raced: some events were folded from the event store before their own delivery arrived");
    }

    [Fact]
    public async Task A_replica_that_dies_between_its_writes_and_its_acks_leaves_nothing_lost_or_doubled()
    {
        var durable = await CreateDurableAsync();
        var orderIds = await PublishLifecyclesAsync(Orders, withPreviousSequence: _ => true);

        // Replica A's connection drops after its 40th write: its writes are stored, its acks never reach the broker.
        var doomed = Nats.Server.CreateClient();
        var crash = new DieAfterWrites(40, doomed);
        var replicaA = ProcessorHarness.Start(doomed.CreateJetStreamContext(), Options(durable, batch: 4, crash), Projection(doomed.CreateJetStreamContext()));
        await Eventually.UntilAsync(() => Task.FromResult(crash.Died), because: "replica A dies mid-stream");
        await using (var b = await ReplicaAsync(durable, batch: 4))
        {
            await WaitDrainedAsync(durable);
        }

        await replicaA.DisposeQuietlyAsync();
        await AssertExactAsync(orderIds);
    }

    private async Task<string> CreateDurableAsync()
    {
        var name = "t-" + Guid.NewGuid().ToString("N")[..12];
        await Js.CreateOrUpdateConsumerAsync(Streams.Orders, new ConsumerConfig(name)
        {
            DurableName = name,
            FilterSubject = Subjects.OrdersAll,
            AckPolicy = ConsumerConfigAckPolicy.Explicit,
            DeliverPolicy = ConsumerConfigDeliverPolicy.New,
            AckWait = TimeSpan.FromSeconds(2),
            MaxDeliver = 20,
        }, Token);
        return name;
    }

    /// <summary>
    /// Full lifecycles, interleaved round by round as a producer makes them. Orders for which
    /// <paramref name="withPreviousSequence"/> is false are appended without an expected sequence, so the projection
    /// cannot see a gap from the header and must look in the event store.
    /// </summary>
    private Task<IReadOnlyList<string>> PublishLifecyclesAsync(int orders, Func<int, bool> withPreviousSequence) =>
        new LifecycleWriter(Js).WriteAsync(orders, withPreviousSequence, Token);

    private ConsumerHostOptions Options(string durable, int batch, params IProcessingInterceptor[] interceptors) => new()
    {
        Stream = Streams.Orders,
        Consumer = durable,
        Concurrency = 4,
        PullBatchSize = 64,
        MaxHandlerBatch = batch,
        NakBaseDelay = TimeSpan.FromMilliseconds(50),
        NakMaxDelay = TimeSpan.FromMilliseconds(200),
        Interceptors = interceptors,
    };

    private OrderSummaryProjection Projection(INatsJSContext js) => new(js, _bucket.Bucket);

    /// <summary>A replica with a connection of its own, as a separate process would have.</summary>
    private async Task<Replica> ReplicaAsync(string durable, int batch, params IProcessingInterceptor[] interceptors)
    {
        var client = Nats.Server.CreateClient();
        await client.ConnectAsync();
        var js = client.CreateJetStreamContext();
        return new Replica(client, ProcessorHarness.Start(js, Options(durable, batch, interceptors), Projection(js)));
    }

    private Task WaitDrainedAsync(string durable) =>
        Eventually.UntilAsync(async () => (await Js.GetConsumerAsync(Streams.Orders, durable, Token)).Info is { NumPending: 0, NumAckPending: 0 },
            timeout: TimeSpan.FromSeconds(25), because: "every event is settled");

    private Task AssertExactAsync(IReadOnlyList<string> orderIds) => SummaryAssert.ExactAsync(Js, _bucket.Bucket, orderIds, Token);

    private sealed class Replica(NatsClient client, ProcessorHarness harness) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            await harness.DisposeAsync();
            await client.DisposeAsync();
        }
    }

    /// <summary>After N handled batches, drops the replica's connection before the host can ack: a crash as the broker sees it.</summary>
    private sealed class DieAfterWrites(int writes, NatsClient connection) : IProcessingInterceptor
    {
        private int _count;

        public bool Died { get; private set; }

        public ValueTask BeforeHandleAsync(IReadOnlyList<ConsumedEvent> events, CancellationToken cancellationToken) =>
            Died ? throw new InvalidOperationException("dead replica") : ValueTask.CompletedTask;

        public async ValueTask AfterHandleAsync(IReadOnlyList<ConsumedEvent> events, CancellationToken cancellationToken)
        {
            if (Interlocked.Increment(ref _count) == writes)
            {
                Died = true;
                await connection.DisposeAsync();
            }

            if (Died)
            {
                throw new InvalidOperationException("dead replica: no ack");
            }
        }
    }
}
