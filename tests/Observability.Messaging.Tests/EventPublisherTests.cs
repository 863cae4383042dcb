using NATS.Client.JetStream;
using NATS.Net;
using Observability.Contracts.Orders;
using Observability.Contracts.Topology;
using Observability.Messaging.EventStore;
using Observability.Messaging.Publishing;
using Observability.Messaging.Topology;
using Observability.Testing;

namespace Observability.Messaging.Tests;

[Collection(NatsCollection.Name)]
public sealed class EventPublisherTests(NatsServerFixture nats) : IAsyncLifetime
{
    private readonly CancellationTokenSource _timeout = new(TimeSpan.FromSeconds(30));
    private NATS.Net.NatsClient _client = null!;
    private INatsJSContext _js = null!;

    public async Task InitializeAsync()
    {
        _client = nats.Server.CreateClient();
        _js = _client.CreateJetStreamContext();
        await JetStreamTopology.EnsureAsync(_js, TopologyOptions.Default, _timeout.Token);
    }

    public async Task DisposeAsync()
    {
        await _client.DisposeAsync();
        _timeout.Dispose();
    }

    private static OrderPlaced Placed(string orderId) =>
        new(orderId, "c-1", [new OrderLine("SKU-1", 2, 10m)], 20m, "EUR", DateTimeOffset.UtcNow);

    [Fact]
    public async Task A_duplicate_publish_is_stored_once_and_reported_as_duplicate()
    {
        var publisher = new EventPublisher(_js);
        var orderId = NewOrderId();
        var options = new PublishOptions { EventId = "evt-" + orderId };

        var first = await publisher.PublishAsync(Placed(orderId), options, _timeout.Token);
        var second = await publisher.PublishAsync(Placed(orderId), options, _timeout.Token);

        Assert.False(first.Duplicate);
        Assert.True(second.Duplicate);
        Assert.Equal(first.Sequence, second.Sequence);
        var history = await new OrderEventStore(_js).ReadAsync(orderId, _timeout.Token);
        Assert.Single(history);
    }

    [Fact]
    public async Task Expected_sequence_zero_accepts_a_new_order_and_refuses_an_existing_one()
    {
        var publisher = new EventPublisher(_js);
        var orderId = NewOrderId();

        var created = await publisher.PublishAsync(Placed(orderId), new PublishOptions { ExpectedLastSubjectSequence = 0 }, _timeout.Token);

        Assert.True(created.Sequence > 0);
        await Assert.ThrowsAsync<AppendConflictException>(() =>
            publisher.PublishAsync(Placed(orderId), new PublishOptions { ExpectedLastSubjectSequence = 0 }, _timeout.Token));
        Assert.Single(await new OrderEventStore(_js).ReadAsync(orderId, _timeout.Token));
    }

    [Fact]
    public async Task Two_concurrent_appends_at_the_same_version_let_exactly_one_win()
    {
        var publisher = new EventPublisher(_js);
        var orderId = NewOrderId();
        var placed = await publisher.PublishAsync(Placed(orderId), new PublishOptions { ExpectedLastSubjectSequence = 0 }, _timeout.Token);

        var attempts = Enumerable.Range(0, 2).Select(i => publisher.PublishAsync(
            new OrderCancelled(orderId, $"reason {i}", DateTimeOffset.UtcNow),
            new PublishOptions { ExpectedLastSubjectSequence = placed.Sequence },
            _timeout.Token)).ToArray();
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
        Assert.Equal(2, (await new OrderEventStore(_js).ReadAsync(orderId, _timeout.Token)).Count);
    }

    [Fact]
    public async Task History_returns_only_that_orders_events_in_order_and_state_folds_from_them()
    {
        var publisher = new EventPublisher(_js);
        var orderId = NewOrderId();
        var other = NewOrderId();
        var t0 = DateTimeOffset.UtcNow.AddMinutes(-10);
        await publisher.PublishAsync(Placed(orderId) with { OccurredAt = t0 }, cancellationToken: _timeout.Token);
        await publisher.PublishAsync(Placed(other), cancellationToken: _timeout.Token);
        await publisher.PublishAsync(new PaymentAuthorized(orderId, 20m, "EUR", t0.AddMinutes(1)), cancellationToken: _timeout.Token);
        await publisher.PublishAsync(new OrderShipped(orderId, "DHL", "TRK1", t0.AddMinutes(2)), cancellationToken: _timeout.Token);

        var store = new OrderEventStore(_js);
        var history = await store.ReadAsync(orderId, _timeout.Token);
        var now = await store.LoadAsync(orderId, cancellationToken: _timeout.Token);
        var asOf = await store.LoadAsync(orderId, t0.AddSeconds(90), _timeout.Token);

        Assert.Equal(["orders.order-placed.v1", "orders.payment-authorized.v1", "orders.order-shipped.v1"], history.Select(h => h.EventType));
        Assert.True(history.Zip(history.Skip(1)).All(p => p.First.Sequence < p.Second.Sequence));
        Assert.Equal(OrderStatus.Shipped, now.Status);
        Assert.Equal(history[^1].Sequence, now.Version);
        Assert.Equal(OrderStatus.PaymentAuthorized, asOf.Status);
        Assert.Empty(await store.ReadAsync(NewOrderId(), _timeout.Token));
    }

    [Fact]
    public async Task Pipelined_publish_stores_every_event_and_returns_results_in_order()
    {
        var publisher = new EventPublisher(_js, new EventPublisherOptions { MaxInFlight = 64 });
        var ids = Enumerable.Range(0, 500).Select(_ => NewOrderId()).ToList();

        var results = await publisher.PublishManyAsync(ids.Select(id => ((Contracts.Events.IEvent)Placed(id), (PublishOptions?)null)), _timeout.Token);

        Assert.Equal(500, results.Count);
        Assert.All(results, r => Assert.Equal(Streams.Orders, r.Stream));
        Assert.Equal(results.Select(r => r.Sequence).Order(), results.Select(r => r.Sequence));
        Assert.Single(await new OrderEventStore(_js).ReadAsync(ids[123], _timeout.Token));
    }

    private static string NewOrderId() => Guid.NewGuid().ToString("N");
}
