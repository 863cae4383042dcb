using Observability.Contracts.Orders;
using Observability.Contracts.Topology;
using Observability.Messaging.Publishing;
using Observability.Orders.EventStore;
using Observability.Testing;

namespace Observability.Orders.Tests.EventStore;

[Collection(NatsCollection.Name)]
public sealed class AppendTests(NatsServerFixture nats) : JetStreamTest(nats)
{
    private static OrderPlaced Placed(string orderId) =>
        new(orderId, "c-1", [new OrderLine("SKU-1", 2, 10m)], 20m, "EUR", DateTimeOffset.UtcNow);

    [Fact]
    public async Task A_duplicate_publish_is_stored_once_and_reported_as_duplicate()
    {
        var publisher = new EventPublisher(Js);
        var orderId = NewOrderId();
        var options = new PublishOptions { EventId = "evt-" + orderId };

        var first = await publisher.PublishAsync(Placed(orderId), options, Token);
        var second = await publisher.PublishAsync(Placed(orderId), options, Token);

        Assert.False(first.Duplicate);
        Assert.True(second.Duplicate);
        Assert.Equal(first.Sequence, second.Sequence);
        var history = await new OrderEventStore(Js).ReadAsync(orderId, Token);
        Assert.Single(history);
    }

    [Fact]
    public async Task Expected_sequence_zero_accepts_a_new_order_and_refuses_an_existing_one()
    {
        var publisher = new EventPublisher(Js);
        var orderId = NewOrderId();

        var created = await publisher.PublishAsync(Placed(orderId), new PublishOptions { ExpectedLastSubjectSequence = 0 }, Token);

        Assert.True(created.Sequence > 0);
        await Assert.ThrowsAsync<AppendConflictException>(() =>
            publisher.PublishAsync(Placed(orderId), new PublishOptions { ExpectedLastSubjectSequence = 0 }, Token));
        Assert.Single(await new OrderEventStore(Js).ReadAsync(orderId, Token));
    }

    [Fact]
    public async Task Two_concurrent_appends_at_the_same_version_let_exactly_one_win()
    {
        var publisher = new EventPublisher(Js);
        var orderId = NewOrderId();
        var placed = await publisher.PublishAsync(Placed(orderId), new PublishOptions { ExpectedLastSubjectSequence = 0 }, Token);

        var attempts = Enumerable.Range(0, 2).Select(i => publisher.PublishAsync(
            new OrderCancelled(orderId, $"reason {i}", DateTimeOffset.UtcNow),
            new PublishOptions { ExpectedLastSubjectSequence = placed.Sequence },
            Token)).ToArray();
        var outcomes = await Task.WhenAll(attempts.Select(async t =>
        {
            try
            {
                await t;
                return "won";
            }
            catch (AppendConflictException)
            {
                return "conflict";
            }
        }));

        Assert.Equal(1, outcomes.Count(o => o == "won"));
        Assert.Equal(1, outcomes.Count(o => o == "conflict"));
        Assert.Equal(2, (await new OrderEventStore(Js).ReadAsync(orderId, Token)).Count);
    }

    [Fact]
    public async Task History_returns_only_that_orders_events_in_order_and_state_folds_from_them()
    {
        var publisher = new EventPublisher(Js);
        var orderId = NewOrderId();
        var other = NewOrderId();
        var t0 = DateTimeOffset.UtcNow.AddMinutes(-10);
        await publisher.PublishAsync(Placed(orderId) with { OccurredAt = t0 }, cancellationToken: Token);
        await publisher.PublishAsync(Placed(other), cancellationToken: Token);
        await publisher.PublishAsync(new PaymentAuthorized(orderId, 20m, "EUR", t0.AddMinutes(1)), cancellationToken: Token);
        await publisher.PublishAsync(new OrderShipped(orderId, "DHL", "TRK1", t0.AddMinutes(2)), cancellationToken: Token);

        var store = new OrderEventStore(Js);
        var history = await store.ReadAsync(orderId, Token);
        var now = await store.LoadAsync(orderId, cancellationToken: Token);
        var asOf = await store.LoadAsync(orderId, t0.AddSeconds(90), Token);

        Assert.Equal(["orders.order-placed.v1", "orders.payment-authorized.v1", "orders.order-shipped.v1"], history.Select(h => h.EventType));
        Assert.True(history.Zip(history.Skip(1)).All(p => p.First.Sequence < p.Second.Sequence));
        Assert.Equal(OrderStatus.Shipped, now.Status);
        Assert.Equal(history[^1].Sequence, now.Version);
        Assert.Equal(OrderStatus.PaymentAuthorized, asOf.Status);
        Assert.Empty(await store.ReadAsync(NewOrderId(), Token));
    }

    [Fact]
    public async Task Pipelined_publish_stores_every_event_and_returns_results_in_order()
    {
        var publisher = new EventPublisher(Js, new EventPublisherOptions { MaxInFlight = 64 });
        var ids = Enumerable.Range(0, 500).Select(_ => NewOrderId()).ToList();

        var results = await publisher.PublishManyAsync(ids.Select(id => ((Contracts.Events.IEvent)Placed(id), (PublishOptions?)null)), Token);

        Assert.Equal(500, results.Count);
        Assert.All(results, r => Assert.Equal(Streams.Orders, r.Stream));
        Assert.Equal(results.Select(r => r.Sequence).Order(), results.Select(r => r.Sequence));
        Assert.Single(await new OrderEventStore(Js).ReadAsync(ids[123], Token));
    }

    private static string NewOrderId() => Guid.NewGuid().ToString("N");
}
