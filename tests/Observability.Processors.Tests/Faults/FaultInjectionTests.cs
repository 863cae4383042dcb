using System.Collections.Concurrent;
using NATS.Client.JetStream.Models;
using NATS.Client.KeyValueStore;
using Observability.Contracts.Faults;
using Observability.Contracts.Orders;
using Observability.Contracts.Topology;
using Observability.Messaging.Consuming;
using Observability.Messaging.Faults;
using Observability.Messaging.Publishing;
using Observability.Processors.Orders;
using Observability.Testing;

namespace Observability.Processors.Tests.Faults;

/// <summary>The order-summary projection on a durable of the test's own, obeying a switchboard of the test's own.</summary>
[Collection(NatsCollection.Name)]
public sealed class FaultInjectionTests(NatsServerFixture nats) : JetStreamTest(nats)
{
    private const string OrderPlacedType = "orders.order-placed.v1";
    private INatsKVStore _summaries = null!;
    private TestSwitchboard _switchboard = null!;
    private readonly ConcurrentQueue<(ulong Sequence, ulong Delivery, HandleOutcome Outcome)> _settled = new();

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        _summaries = await new NatsKVContext(Js).CreateStoreAsync("summaries-" + Guid.NewGuid().ToString("N")[..12], Token);
        _switchboard = await TestSwitchboard.StartAsync(Js, Token);
    }

    public override async Task DisposeAsync()
    {
        await _switchboard.DisposeAsync();
        await base.DisposeAsync();
    }

    [Fact]
    public async Task An_exception_switch_naks_the_event_before_the_write_and_its_redelivery_is_applied_once()
    {
        var (durable, orderId) = await NewOrderDurableAsync(TimeSpan.FromSeconds(2));
        await _switchboard.SetAsync(TestSwitchboard.Switch(FaultKinds.Exception, durable) with { EventType = OrderPlacedType, Amount = 2 }, Token);

        await using (Run(durable))
        {
            var last = await PublishOrderAsync(orderId);
            await DrainedAsync(durable, last);
        }

        await SummaryAssert.ExactAsync(Js, _summaries.Bucket, [orderId], Token);
        Assert.Equal(2, Injected(FaultKinds.Exception, durable));
        Assert.True(ConsumerMetrics.MessagesProcessed.WithLabels(Streams.Orders, durable, OrderPlacedType, ConsumerMetrics.Outcome.Nak).Value >= 2);
        // Nakked twice before any write, then applied on the third delivery.
        var placed = _settled.Where(s => s.Sequence == _settled.Min(x => x.Sequence)).ToList();
        Assert.Equal([HandleOutcome.Failed, HandleOutcome.Failed, HandleOutcome.Applied], placed.Select(s => s.Outcome));
    }

    [Fact]
    public async Task A_fail_after_write_switch_gets_every_event_redelivered_after_its_write_and_each_is_still_applied_once()
    {
        var (durable, orderId) = await NewOrderDurableAsync(TimeSpan.FromSeconds(2));
        await _switchboard.SetAsync(TestSwitchboard.Switch(FaultKinds.FailAfterWrite, durable) with { Amount = 3 }, Token);

        await using (Run(durable, concurrency: 1, maxHandlerBatch: 1))
        {
            var last = await PublishOrderAsync(orderId);
            await DrainedAsync(durable, last);
        }

        await SummaryAssert.ExactAsync(Js, _summaries.Bucket, [orderId], Token);
        Assert.Equal(3, Injected(FaultKinds.FailAfterWrite, durable));
        // The first attempt wrote, so the redelivery found the sequence applied and skipped it.
        Assert.Contains(_settled, s => s.Delivery > 1 && s.Outcome == HandleOutcome.Duplicate);
    }

    [Fact]
    public async Task A_slow_switch_longer_than_AckWait_gets_a_redelivery_while_the_first_attempt_runs_and_the_event_is_applied_once()
    {
        var (durable, orderId) = await NewOrderDurableAsync(TimeSpan.FromSeconds(1));
        await _switchboard.SetAsync(TestSwitchboard.Switch(FaultKinds.Slow, durable) with { EventType = OrderPlacedType, Amount = 1, Delay = TimeSpan.FromSeconds(3) }, Token);

        await using (Run(durable))
        {
            var last = await PublishOrderAsync(orderId);
            // The first attempt sleeps 3 s; AckWait is 1 s, so the broker hands the event out again meanwhile.
            await Eventually.UntilAsync(async () => (await Js.GetConsumerAsync(Streams.Orders, durable, Token)).Info.NumRedelivered > 0,
                TimeSpan.FromSeconds(3), "the broker redelivers during the slow attempt");
            Assert.Empty(_settled);
            await DrainedAsync(durable, last);
        }

        await SummaryAssert.ExactAsync(Js, _summaries.Bucket, [orderId], Token);
        Assert.Equal(1, Injected(FaultKinds.Slow, durable));
        Assert.Contains(_settled, s => s.Delivery > 1 && s.Outcome == HandleOutcome.Duplicate);
    }

    [Fact]
    public async Task A_stall_switch_stops_pulling_so_pending_grows_then_drains_when_the_stall_ends()
    {
        // All order subjects, from now on: tests of this collection run one at a time, so only this test publishes.
        var durable = await CreateDurableAsync(Subjects.OrdersAll, TimeSpan.FromSeconds(10));
        var orderIds = Enumerable.Range(0, 40).Select(_ => Guid.NewGuid().ToString("N")).ToList();
        await _switchboard.SetAsync(TestSwitchboard.Switch(FaultKinds.Stall, durable) with { Delay = TimeSpan.FromSeconds(3) }, Token);

        await using (Run(durable, pullBatchSize: 5))
        {
            var publisher = new EventPublisher(Js);
            foreach (var orderId in orderIds)
            {
                await publisher.PublishAsync(new OrderPlaced(orderId, "c-1", [new OrderLine("A", 1, 1m)], 1m, "EUR", DateTimeOffset.UtcNow), cancellationToken: Token);
            }

            // The first message shut the gate for 3 s; the client holds at most a pull's worth, the rest stays pending.

            var stalled = await Js.GetConsumerAsync(Streams.Orders, durable, Token);
            Assert.True(stalled.Info.NumPending >= 30, $"pending during the stall: {stalled.Info.NumPending}");
            await Eventually.UntilAsync(async () => (await Js.GetConsumerAsync(Streams.Orders, durable, Token)).Info is { NumPending: 0, NumAckPending: 0 },
                TimeSpan.FromSeconds(15), "the backlog drains once the stall is over");
        }

        await SummaryAssert.ExactAsync(Js, _summaries.Bucket, orderIds, Token);
        // A stall without an amount happens once.
        Assert.Equal(1, Injected(FaultKinds.Stall, durable));
        Assert.Equal(0, FaultMetrics.FaultActive.WithLabels(FaultKinds.Stall, durable).Value);
    }

    private async Task<(string Durable, string OrderId)> NewOrderDurableAsync(TimeSpan ackWait)
    {
        var orderId = Guid.NewGuid().ToString("N");
        return (await CreateDurableAsync(Subjects.Order(orderId), ackWait), orderId);
    }

    /// <summary>Like the kit's durables, with a short AckWait and room for the redeliveries the faults cause.</summary>
    private async Task<string> CreateDurableAsync(string filterSubject, TimeSpan ackWait)
    {
        var name = "t-" + Guid.NewGuid().ToString("N")[..12];
        await Js.CreateOrUpdateConsumerAsync(Streams.Orders, new ConsumerConfig(name)
        {
            DurableName = name,
            FilterSubject = filterSubject,
            AckPolicy = ConsumerConfigAckPolicy.Explicit,
            DeliverPolicy = ConsumerConfigDeliverPolicy.New,
            AckWait = ackWait,
            MaxDeliver = 10,
        }, Token);
        return name;
    }

    private ProcessorHarness Run(string durable, int concurrency = 4, int maxHandlerBatch = 100, int pullBatchSize = 1000)
    {
        var injector = new FaultInjector(_switchboard.Board, durable);
        var options = injector.WireInto(new ConsumerHostOptions
        {
            Stream = Streams.Orders,
            Consumer = durable,
            Concurrency = concurrency,
            MaxHandlerBatch = maxHandlerBatch,
            PullBatchSize = pullBatchSize,
            NakBaseDelay = TimeSpan.FromMilliseconds(100),
            Settled = e => _settled.Enqueue((e.StreamSequence, e.DeliveryCount, e.Outcome)),
        });
        return ProcessorHarness.Start(Js, options, new OrderSummaryProjection(Js, _summaries.Bucket));
    }

    /// <summary>Placed, authorized, shipped; returns the last one's stream sequence.</summary>
    private async Task<ulong> PublishOrderAsync(string orderId)
    {
        var publisher = new EventPublisher(Js);
        var t0 = DateTimeOffset.UtcNow.AddMinutes(-5);
        await publisher.PublishAsync(new OrderPlaced(orderId, "c-1", [new OrderLine("A", 2, 5m)], 10m, "EUR", t0), cancellationToken: Token);
        await publisher.PublishAsync(new PaymentAuthorized(orderId, 10m, "EUR", t0.AddMinutes(1)), cancellationToken: Token);
        return (await publisher.PublishAsync(new OrderShipped(orderId, "DHL", "T-1", t0.AddMinutes(2)), cancellationToken: Token)).Sequence;
    }

    private async Task DrainedAsync(string durable, ulong lastSequence) =>
        await Eventually.UntilAsync(async () => (await Js.GetConsumerAsync(Streams.Orders, durable, Token)).Info is { NumPending: 0, NumAckPending: 0 } info
            && info.AckFloor.StreamSeq >= lastSequence, TimeSpan.FromSeconds(20), "every event of the order is acked");

    private static double Injected(string kind, string consumer) => FaultMetrics.FaultsInjected.WithLabels(kind, consumer).Value;
}
