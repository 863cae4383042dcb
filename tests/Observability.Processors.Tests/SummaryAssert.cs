using NATS.Client.Core;
using NATS.Client.JetStream;
using NATS.Client.KeyValueStore;
using Observability.Contracts.Events;
using Observability.Contracts.Orders;
using Observability.Orders.EventStore;
using Observability.Orders.Summaries;

namespace Observability.Processors.Tests;

/// <summary>Compares order summaries with a fresh fold of their orders' messages in the event store.</summary>
internal static class SummaryAssert
{
    /// <summary>Each summary equals the fold of its order's messages; each event applied once, in stream order.</summary>
    public static async Task ExactAsync(INatsJSContext js, string bucket, IEnumerable<string> orderIds, CancellationToken cancellationToken)
    {
        var store = new OrderEventStore(js);
        var kv = await new NatsKVContext(js).GetStoreAsync(bucket, cancellationToken);
        var serializer = new NatsJsonContextSerializer<OrderSummary>(KitJson.Default);
        foreach (var orderId in orderIds)
        {
            var messages = await store.ReadMessagesAsync(orderId, cancellationToken: cancellationToken);
            var expected = messages.Aggregate((OrderSummary?)null, (s, m) => OrderSummaryFold.Apply(s, m.Event!, m.Sequence))!;
            var entry = await kv.TryGetEntryAsync(orderId, serializer: serializer, cancellationToken: cancellationToken);
            Assert.True(entry.Success, $"order {orderId} has no summary: its {messages.Count} events are lost");
            var actual = entry.Value.Value!;
            var because = $"order {orderId}: stored [{string.Join(", ", messages.Select(m => m.Sequence))}], applied [{string.Join(", ", actual.AppliedSequences)}], "
                + $"event count {actual.EventCount}, last applied {actual.LastAppliedSequence}, dead-lettered [{string.Join(", ", actual.DeadLetteredEvents.Select(d => d.Sequence))}]";
            Assert.True(messages.Select(m => m.Sequence).SequenceEqual(actual.AppliedSequences), because);
            Assert.Equal(expected.EventCount, actual.EventCount);
            Assert.Equal(expected.Status, actual.Status);
            Assert.Equal(expected.Total, actual.Total);
            Assert.Equal(expected.LastAppliedSequence, actual.LastAppliedSequence);
            Assert.Equal(expected.TrackingNumber, actual.TrackingNumber);
            Assert.Equal(expected.Reason, actual.Reason);
        }
    }
}
