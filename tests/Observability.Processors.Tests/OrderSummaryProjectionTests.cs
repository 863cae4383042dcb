using NATS.Client.JetStream;
using NATS.Client.KeyValueStore;
using Observability.Contracts.Events;
using Observability.Contracts.Orders;
using Observability.Contracts.Topology;
using Observability.Messaging.Consuming;
using Observability.Messaging.DeadLetters;
using Observability.Messaging.Publishing;
using Observability.Processors.Analytics;
using Observability.Processors.Orders;
using Observability.Testing;

namespace Observability.Processors.Tests;

[Collection(NatsCollection.Name)]
public sealed class OrderSummaryProjectionTests(NatsServerFixture nats) : JetStreamTest(nats)
{
    private INatsKVStore _bucket = null!;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        _bucket = await new NatsKVContext(Js).CreateStoreAsync("summaries-" + Guid.NewGuid().ToString("N")[..12], Token);
    }

    [Fact]
    public async Task An_orders_events_fold_into_its_summary_and_a_redelivered_OrderPlaced_counts_revenue_once()
    {
        var orderId = Guid.NewGuid().ToString("N");
        var durable = await ProcessorHarness.CreateDurableAsync(Js, Streams.Orders, Subjects.Order(orderId), Token);
        var publisher = new EventPublisher(Js);
        var t0 = DateTimeOffset.UtcNow.AddMinutes(-5);
        // A currency of its own, so this test's revenue is not mixed with other tests'.
        var currency = "X" + (char)('A' + Random.Shared.Next(26)) + (char)('A' + Random.Shared.Next(26));
        var revenue = BusinessMetrics.OrderRevenue.WithLabels(currency).Value;
        var shippedBefore = BusinessMetrics.OrdersByStatus.WithLabels("shipped").Value;
        await publisher.PublishAsync(new OrderPlaced(orderId, "c-9", [new OrderLine("A", 2, 5m), new OrderLine("B", 1, 15m)], 25m, currency, t0), cancellationToken: Token);
        await publisher.PublishAsync(new PaymentAuthorized(orderId, 25m, currency, t0.AddMinutes(1)), cancellationToken: Token);
        var shipped = await publisher.PublishAsync(new OrderShipped(orderId, "DHL", "TRK-1", t0.AddMinutes(2)), cancellationToken: Token);
        var options = new ConsumerHostOptions
        {
            Stream = Streams.Orders,
            Consumer = durable,
            Interceptors = [new FailAfterWriteOnce(e => e.Event is OrderPlaced)],
            NakBaseDelay = TimeSpan.FromMilliseconds(100),
        };

        await using (ProcessorHarness.Start(Js, options, new OrderSummaryProjection(Js, _bucket.Bucket)))
        {
            await Eventually.UntilAsync(async () => (await Js.GetConsumerAsync(Streams.Orders, durable, Token)).Info is { NumPending: 0, NumAckPending: 0, NumRedelivered: 0 } info
                && info.AckFloor.StreamSeq == shipped.Sequence, because: "all three events are acked");
        }

        var summary = (await _bucket.GetEntryAsync(orderId, serializer: new NATS.Client.Core.NatsJsonContextSerializer<OrderSummary>(KitJson.Default), cancellationToken: Token)).Value!;
        Assert.Equal(OrderStatus.Shipped, summary.Status);
        Assert.Equal(3, summary.EventCount);
        Assert.Equal(shipped.Sequence, summary.LastAppliedSequence);
        Assert.Equal(25m, summary.Total);
        Assert.Equal(2, summary.LineCount);
        Assert.Equal(3, summary.ItemCount);
        Assert.Equal("c-9", summary.CustomerId);
        Assert.Equal("TRK-1", summary.TrackingNumber);
        Assert.Equal(t0, summary.PlacedAt);
        Assert.Equal(t0.AddMinutes(2), summary.UpdatedAt);
        Assert.Equal(revenue + 25, BusinessMetrics.OrderRevenue.WithLabels(currency).Value);
        Assert.Equal(shippedBefore + 1, BusinessMetrics.OrdersByStatus.WithLabels("shipped").Value);
    }

    [Fact]
    public async Task An_event_filed_under_another_orders_subject_is_rejected_to_the_dead_letter_stream()
    {
        var orderId = Guid.NewGuid().ToString("N");
        var durable = await ProcessorHarness.CreateDurableAsync(Js, Streams.Orders, Subjects.Order(orderId), Token);
        var stranger = new OrderPlaced("someone-else", "c-1", [new OrderLine("A", 1, 1m)], 1m, "EUR", DateTimeOffset.UtcNow);
        var headers = new NATS.Client.Core.NatsHeaders
        {
            [MessageHeaders.Id] = Guid.NewGuid().ToString("N"),
            [MessageHeaders.Type] = EventCatalog.Of(stranger).Name,
            [MessageHeaders.Time] = DateTimeOffset.UtcNow.ToString("O"),
        };
        (await Js.PublishAsync(Subjects.Order(orderId), EventCatalog.Serialize(stranger), headers: headers, cancellationToken: Token)).EnsureSuccess();

        await using (ProcessorHarness.Start(Js, new ConsumerHostOptions { Stream = Streams.Orders, Consumer = durable }, new OrderSummaryProjection(Js, _bucket.Bucket)))
        {
            var letters = await Eventually.UntilAsync(() => new DeadLetterReader(Js).ListAsync(Streams.Orders, durable, Token), l => l.Count == 1, because: "the event is rejected");
            Assert.Equal(DeadLetterReason.Rejected, letters[0].Reason);
            Assert.Contains("does not match subject", letters[0].Detail);
        }

        Assert.False((await _bucket.TryGetEntryAsync<byte[]>("someone-else", cancellationToken: Token)).Success);
    }
}
