using System.Text.Json;
using NATS.Client.JetStream;
using NATS.Client.KeyValueStore;
using Observability.Contracts.Events;
using Observability.Contracts.Orders;
using Observability.Contracts.Topology;
using Observability.Messaging.Publishing;
using Observability.Orders.Summaries;

namespace Observability.Cli.Tests.Audit;

/// <summary>
/// Orders of one test in the kit's real ORDERS stream and order-summaries bucket, tagged with the test's own run id so
/// the audit (restricted to that run) sees only them. Summaries are built with the projection's fold, or broken on
/// purpose; "the processor" is simulated by acking the durable, which is all the audit looks at.
/// </summary>
internal sealed class OrderWorld(INatsJSContext js)
{
    private readonly EventPublisher _publisher = new(js);

    public string RunId { get; } = "run-" + Guid.NewGuid().ToString("N")[..10];

    public Dictionary<string, List<(IOrderEvent Event, ulong Sequence)>> Orders { get; } = new(StringComparer.Ordinal);

    /// <summary>Places <paramref name="count"/> orders, each placed, paid and (every other one) shipped.</summary>
    public async Task PlaceAsync(int count, CancellationToken cancellationToken)
    {
        var at = DateTimeOffset.Parse("2026-01-01T10:00:00Z", System.Globalization.CultureInfo.InvariantCulture);
        for (var i = 0; i < count; i++)
        {
            var orderId = $"{RunId}-o{i}";
            List<IOrderEvent> events =
            [
                new OrderPlaced(orderId, "c-1", [new OrderLine("SKU-1", 2, 9.5m)], 19m, "EUR", at),
                new PaymentAuthorized(orderId, 19m, "EUR", at.AddSeconds(1)),
            ];
            if (i % 2 == 0)
            {
                events.Add(new OrderShipped(orderId, "DHL", "T" + i, at.AddSeconds(2)));
            }

            foreach (var e in events)
            {
                await AppendAsync(e, cancellationToken);
            }
        }
    }

    public async Task<ulong> AppendAsync(IOrderEvent e, CancellationToken cancellationToken)
    {
        var result = await _publisher.PublishAsync(e, new PublishOptions { RunId = RunId }, cancellationToken);
        if (!Orders.TryGetValue(e.OrderId, out var list))
        {
            Orders[e.OrderId] = list = [];
        }

        list.Add((e, result.Sequence));
        return result.Sequence;
    }

    /// <summary>The summary the projection would write: every event folded in stream order.</summary>
    public OrderSummary Folded(string orderId, int events = int.MaxValue) =>
        Orders[orderId].Take(events).Aggregate((OrderSummary?)null, (s, e) => OrderSummaryFold.Apply(s, e.Event, e.Sequence))!;

    public async Task WriteSummaryAsync(OrderSummary summary, CancellationToken cancellationToken)
    {
        var kv = await new NatsKVContext(js).GetStoreAsync(Buckets.OrderSummaries, cancellationToken);
        await kv.PutAsync(summary.OrderId, JsonSerializer.SerializeToUtf8Bytes(summary, KitJson.Default.OrderSummary), cancellationToken: cancellationToken);
    }

    public async Task WriteCorrectSummariesAsync(CancellationToken cancellationToken)
    {
        foreach (var orderId in Orders.Keys)
        {
            await WriteSummaryAsync(Folded(orderId), cancellationToken);
        }
    }

    public async Task DeleteSummaryAsync(string orderId, CancellationToken cancellationToken)
    {
        var kv = await new NatsKVContext(js).GetStoreAsync(Buckets.OrderSummaries, cancellationToken);
        await kv.DeleteAsync(orderId, cancellationToken: cancellationToken);
    }

    /// <summary>Acks everything the durable has, as a processor that has caught up would.</summary>
    public static async Task CatchUpAsync(INatsJSContext js, string stream, string durable, CancellationToken cancellationToken)
    {
        var consumer = await js.GetConsumerAsync(stream, durable, cancellationToken);
        while (true)
        {
            await consumer.RefreshAsync(cancellationToken);
            if (consumer.Info.NumPending == 0 && consumer.Info.NumAckPending == 0)
            {
                return;
            }

            await foreach (var msg in consumer.FetchNoWaitAsync<byte[]>(new NatsJSFetchOpts { MaxMsgs = 1000 }, cancellationToken: cancellationToken))
            {
                await msg.AckAsync(new AckOpts { DoubleAck = true }, cancellationToken);
            }
        }
    }
}
