using System.Collections.Concurrent;
using NATS.Client.JetStream;
using NATS.Client.KeyValueStore;
using Observability.Contracts.Events;
using Observability.Contracts.Orders;
using Observability.Contracts.Topology;
using Observability.Messaging.Consuming;
using Observability.Messaging.Projections;
using Observability.Messaging.Telemetry;
using Prometheus;

namespace Observability.Processors.Orders;

/// <summary>
/// ORDERS -> <c>order-summaries</c>. Idempotent: each summary records the last applied stream sequence and an event
/// at or below it is skipped (acked as a duplicate). A micro-batch is grouped by order: one order's events are folded
/// in stream order into one compare-and-set write, and different orders are written concurrently. The analytics
/// counters move only after the write that applied the event, so a redelivery never counts twice.
/// </summary>
internal sealed class OrderSummaryProjection(INatsJSContext js, string bucket = Buckets.OrderSummaries) : IEventHandler
{
    public const string ProjectionName = "order-summary";

    private readonly ConcurrentDictionary<string, Counter.Child> _statusCounters = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Counter.Child> _revenueCounters = new(StringComparer.Ordinal);
    private Task<KvProjectionStore<OrderSummary>>? _store;

    public async ValueTask HandleAsync(IReadOnlyList<ConsumedEvent> events, CancellationToken cancellationToken)
    {
        var store = await (_store ??= OpenAsync(cancellationToken));
        if (events.Count == 1)
        {
            await ApplyAsync(store, events, cancellationToken);
            return;
        }

        // Group by order, keeping stream order inside each group; groups are independent keys.
        var groups = new Dictionary<string, List<ConsumedEvent>>(StringComparer.Ordinal);
        foreach (var e in events)
        {
            var orderId = ((IOrderEvent)e.Event).OrderId;
            if (!groups.TryGetValue(orderId, out var group))
            {
                groups[orderId] = group = new List<ConsumedEvent>(2);
            }

            group.Add(e);
        }

        var writes = new Task[groups.Count];
        var i = 0;
        foreach (var group in groups.Values)
        {
            writes[i++] = ApplyAsync(store, group, cancellationToken);
        }

        await Task.WhenAll(writes);
    }

    private async Task<KvProjectionStore<OrderSummary>> OpenAsync(CancellationToken cancellationToken)
    {
        var kv = await new NatsKVContext(js).GetStoreAsync(bucket, cancellationToken);
        return new KvProjectionStore<OrderSummary>(kv, ProjectionName, KitJson.Default.OrderSummary);
    }

    /// <summary>Applies one order's events (stream order) in one write; marks each applied, duplicate, rejected or failed.</summary>
    private async Task ApplyAsync(KvProjectionStore<OrderSummary> store, IReadOnlyList<ConsumedEvent> group, CancellationToken cancellationToken)
    {
        var orderId = ((IOrderEvent)group[0].Event).OrderId;
        var applied = new bool[group.Count];
        try
        {
            // An event filed under another order's subject would corrupt that order's summary: reject it for good.
            for (var i = 0; i < group.Count; i++)
            {
                if (Subjects.OrderIdOf(group[i].Subject) != orderId)
                {
                    group[i].Reject($"order id {orderId} does not match subject {group[i].Subject}");
                }
            }

            await store.UpdateAsync(orderId, current =>
            {
                var next = current;
                var any = false;
                for (var i = 0; i < group.Count; i++)
                {
                    var e = group[i];
                    applied[i] = e.Outcome != HandleOutcome.Rejected && (next is null || e.StreamSequence > next.LastAppliedSequence);
                    if (applied[i])
                    {
                        next = OrderSummaryFold.Apply(next, (IOrderEvent)e.Event, e.StreamSequence);
                        any = true;
                    }
                }

                return any ? next : null;
            }, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            foreach (var e in group)
            {
                if (e.Outcome != HandleOutcome.Rejected)
                {
                    e.Fail(ex);
                }
            }

            return;
        }

        for (var i = 0; i < group.Count; i++)
        {
            var e = group[i];
            if (e.Outcome == HandleOutcome.Rejected)
            {
                continue;
            }

            if (!applied[i])
            {
                e.Duplicate();
                continue;
            }

            e.Applied();
            var orderEvent = (IOrderEvent)e.Event;
            if (OrderSummaryFold.StatusLabel(orderEvent) is { } status)
            {
                _statusCounters.GetOrAdd(status, s => KitMetrics.OrdersByStatus.WithLabels(s)).Inc();
            }

            if (orderEvent is OrderPlaced placed)
            {
                _revenueCounters.GetOrAdd(placed.Currency, c => KitMetrics.OrderRevenue.WithLabels(c)).Inc((double)placed.Total);
            }
        }
    }
}
