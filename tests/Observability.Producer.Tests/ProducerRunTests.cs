using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using NATS.Client.JetStream;
using NATS.Net;
using Observability.Contracts.Events;
using Observability.Contracts.Orders;
using Observability.Contracts.Topology;
using Observability.Orders.Domain;
using Observability.Orders.EventStore;
using Observability.ServiceDefaults;
using Observability.Testing;

namespace Observability.Producer.Tests;

/// <summary>Short producer runs against a real nats-server: what lands in ORDERS and CLICKSTREAM.</summary>
[Collection(NatsCollection.Name)]
public sealed class ProducerRunTests(NatsServerFixture nats) : IAsyncLifetime
{
    private const double OrdersPerSecond = 20;
    private const double ClicksPerSecond = 150;
    private const int Seconds = 2;

    private readonly CancellationTokenSource _timeout = new(TimeSpan.FromSeconds(30));
    // A fixed seed (the fixture's server is fresh per test run) whose first 40 orders include every ending, an order
    // abandoned in PaymentDeclined among them: the one state in which a repeated step passes the rules and only the
    // broker's dedup window keeps the rerun from storing it twice.
    private readonly int _seed = 4242;
    private readonly string _runId = "test-" + Guid.NewGuid().ToString("N")[..8];
    private NatsClient _client = null!;
    private INatsJSContext _js = null!;

    public Task InitializeAsync()
    {
        _client = nats.Server.CreateClient();
        _js = _client.CreateJetStreamContext();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _client.DisposeAsync();
        _timeout.Dispose();
    }

    /// <summary>Runs the producer as the service does (hosted, topology ensured at start-up) until its duration is over and its lifecycles are done.</summary>
    private async Task<ProducerWorker> RunProducerAsync(CancellationToken cancellationToken)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Nats:Url"] = nats.Url,
            ["Producer:Seed"] = _seed.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Producer:OrdersPerSecond"] = OrdersPerSecond.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Producer:ClicksPerSecond"] = ClicksPerSecond.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Producer:Duration"] = $"{Seconds}s",
            ["Producer:RunId"] = _runId,
            // Lifecycle delays of 10 to 100 ms keep the test short; the rates are real.
            ["Producer:TimeScale"] = "0.02",
        });
        builder.AddKitNats();
        builder.AddProducer();
        using var host = builder.Build();
        await host.StartAsync(cancellationToken);
        var worker = host.Services.GetRequiredService<ProducerWorker>();
        await worker.ExecuteTask!.WaitAsync(cancellationToken);
        await host.StopAsync(cancellationToken);
        return worker;
    }

    private string OrderId(int n) => $"ord-{_seed}-{n}";

    private static readonly int ExpectedOrders = (int)(OrdersPerSecond * Seconds);

    private async Task<List<IReadOnlyList<StoredEvent>>> ReadOrdersAsync()
    {
        var store = new OrderEventStore(_js);
        var histories = new List<IReadOnlyList<StoredEvent>>();
        for (var n = 0; n < ExpectedOrders + 1; n++)
        {
            histories.Add(await store.ReadAsync(OrderId(n), _timeout.Token));
        }

        return histories;
    }

    /// <summary>Every message of this run in CLICKSTREAM: (type, event id, payload).</summary>
    private async Task<List<(string Type, string Id, byte[] Data)>> ReadClicksAsync()
    {
        var stream = await _js.GetStreamAsync(Streams.Clickstream, cancellationToken: _timeout.Token);
        var last = stream.Info.State.LastSeq;
        var consumer = await _js.CreateOrderedConsumerAsync(Streams.Clickstream, cancellationToken: _timeout.Token);
        var clicks = new List<(string, string, byte[])>();
        await foreach (var msg in consumer.ConsumeAsync<byte[]>(cancellationToken: _timeout.Token))
        {
            var headers = msg.Headers!;
            if (headers.TryGetValue(MessageHeaders.LoadRunId, out var run) && run.ToString() == _runId)
            {
                clicks.Add((headers[MessageHeaders.Type].ToString(), headers[MessageHeaders.Id].ToString(), msg.Data!));
            }

            if (msg.Metadata!.Value.Sequence.Stream >= last)
            {
                break;
            }
        }

        return clicks;
    }

    /// <summary>Null when the decider allows the command that made this event in this state, else why not.</summary>
    private static string? Rule(OrderState state, IOrderEvent e)
    {
        IOrderCommand command = e switch
        {
            OrderPlaced p => new PlaceOrder(p.OrderId, p.CustomerId, p.Lines, p.Currency),
            PaymentAuthorized a => new AuthorizePayment(a.OrderId, a.Amount),
            PaymentDeclined d => new DeclinePayment(d.OrderId, d.Reason),
            OrderShipped sh => new ShipOrder(sh.OrderId, sh.Carrier, sh.TrackingNumber),
            OrderCancelled c => new CancelOrder(c.OrderId, c.Reason),
            _ => throw new InvalidOperationException($"unknown event {e.GetType().Name}"),
        };
        var decision = OrderDecider.Decide(state, command, e.OccurredAt);
        return decision.Kind == DecisionKind.Append ? null : decision.Reason ?? decision.Kind.ToString();
    }

    [Fact]
    public async Task A_short_run_stores_legal_order_lifecycles_and_schema_valid_clicks_and_a_rerun_with_the_same_seed_adds_nothing()
    {
        var worker = await RunProducerAsync(_timeout.Token);

        // Orders: exactly rate x duration were placed (ids 0..N-1, none beyond), each history is a legal lifecycle.
        var histories = await ReadOrdersAsync();
        Assert.Equal(ExpectedOrders, histories.Count(h => h.Count > 0));
        Assert.Empty(histories[ExpectedOrders]);
        foreach (var history in histories.Take(ExpectedOrders))
        {
            var state = OrderState.Initial;
            foreach (var stored in history)
            {
                Assert.Null(Rule(state, stored.Event));
                Assert.Null(EventCatalog.Validate(EventCatalog.Of(stored.Event), EventCatalog.Serialize(stored.Event)));
                state = OrderState.Apply(state, stored.Event, stored.Sequence);
            }

            Assert.InRange(history.Count, 2, 4);
            Assert.Equal($"{history[0].Event.OrderId}-placed", history[0].EventId);
            Assert.All(history.Skip(1), e => Assert.StartsWith(e.Event.OrderId + "-", e.EventId, StringComparison.Ordinal));
            Assert.Contains(state.Status, new[] { OrderStatus.Shipped, OrderStatus.Cancelled, OrderStatus.PaymentDeclined });
        }

        var endings = histories.Take(ExpectedOrders)
            .Select(h => OrderState.Fold(h.Select(e => (e.Event, e.Sequence))).Status).ToHashSet();
        Assert.Equal([OrderStatus.PaymentDeclined, OrderStatus.Shipped, OrderStatus.Cancelled], endings.Order());

        // Clicks: every browsing click was stored once and every payload validates against its JSON Schema.
        var clicks = await ReadClicksAsync();
        var browsing = clicks.Count(c => c.Id.StartsWith($"clk-{_seed}-", StringComparison.Ordinal));
        Assert.Equal((int)(ClicksPerSecond * Seconds), browsing);
        Assert.Equal(clicks.Count, clicks.Select(c => c.Id).Distinct(StringComparer.Ordinal).Count());
        Assert.All(clicks, c =>
        {
            Assert.True(EventCatalog.TryGet(c.Type, out var type), c.Type);
            Assert.Null(EventCatalog.Validate(type, c.Data));
        });
        Assert.Equal(4, clicks.Select(c => c.Type).Distinct(StringComparer.Ordinal).Count());
        Assert.Equal(worker.ClicksPublished, clicks.Count);

        // The same seed again, inside the dedup window: the handler's rules and the broker's dedup store nothing new.
        await RunProducerAsync(_timeout.Token);
        var again = await ReadOrdersAsync();
        Assert.Equal(histories.Select(h => h.Count), again.Select(h => h.Count));
        Assert.Equal(clicks.Count, (await ReadClicksAsync()).Count);
    }
}
