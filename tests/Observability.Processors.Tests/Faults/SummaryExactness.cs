using NATS.Client.Core;
using NATS.Client.JetStream;
using NATS.Client.KeyValueStore;
using Observability.Contracts.Events;
using Observability.Contracts.Orders;
using Observability.Messaging.EventStore;

namespace Observability.Processors.Tests.Faults;

/// <summary>
/// Applied once, checked against the system of record: every event the ORDERS stream holds for the order is in its
/// summary exactly once, and nothing else is.
/// </summary>
internal static class SummaryExactness
{
    public static async Task AssertAppliedOnceAsync(INatsJSContext js, INatsKVStore summaries, IEnumerable<string> orderIds, CancellationToken cancellationToken)
    {
        var store = new OrderEventStore(js);
        var serializer = new NatsJsonContextSerializer<OrderSummary>(KitJson.Default);
        foreach (var orderId in orderIds)
        {
            var events = await store.ReadAsync(orderId, cancellationToken);
            var summary = (await summaries.GetEntryAsync(orderId, serializer: serializer, cancellationToken: cancellationToken)).Value!;
            var stored = events.Select(e => e.Sequence).ToList();
            var because = $"order {orderId}: stored [{string.Join(", ", stored)}], applied [{string.Join(", ", summary.AppliedSequences)}], "
                + $"event count {summary.EventCount}, last applied {summary.LastAppliedSequence}, dead-lettered [{string.Join(", ", summary.DeadLetteredEvents.Select(d => d.Sequence))}]";
            Assert.True(stored.Count == summary.EventCount, because);
            Assert.True(stored.SequenceEqual(summary.AppliedSequences.Order()), because);
            Assert.True(stored[^1] == summary.LastAppliedSequence, because);
        }
    }
}
