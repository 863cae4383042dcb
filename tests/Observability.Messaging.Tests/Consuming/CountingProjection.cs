using System.Collections.Concurrent;
using Observability.Contracts.Events;
using Observability.Contracts.Orders;
using Observability.Messaging.Consuming;
using Observability.Messaging.Projections;

namespace Observability.Messaging.Tests.Consuming;

/// <summary>
/// A minimal idempotent projection for host tests: per order, how many events were applied and the last sequence,
/// in a KV bucket through <see cref="KvProjectionStore{T}"/>. Records every delivery it sees.
/// </summary>
internal sealed class CountingProjection(KvProjectionStore<OrderSummary> store) : IEventHandler
{
    public ConcurrentQueue<(ulong Sequence, ulong Delivery)> Deliveries { get; } = new();

    public Func<ConsumedEvent, CancellationToken, Task>? OnEvent { get; set; }

    public async ValueTask HandleAsync(IReadOnlyList<ConsumedEvent> events, CancellationToken cancellationToken)
    {
        foreach (var e in events)
        {
            Deliveries.Enqueue((e.StreamSequence, e.DeliveryCount));
            if (OnEvent is not null)
            {
                await OnEvent(e, cancellationToken);
            }

            var orderId = ((IOrderEvent)e.Event).OrderId;
            var applied = false;
            await store.UpdateAsync(orderId, s =>
            {
                applied = s is null || e.StreamSequence > s.LastAppliedSequence;
                return applied
                    ? new OrderSummary { OrderId = orderId, Status = OrderStatus.Placed, EventCount = (s?.EventCount ?? 0) + 1, LastAppliedSequence = e.StreamSequence }
                    : null;
            }, cancellationToken);
            if (applied)
            {
                e.Applied();
            }
            else
            {
                e.Duplicate();
            }
        }
    }

    public Task<OrderSummary?> GetAsync(string orderId, CancellationToken cancellationToken) => store.GetAsync(orderId, cancellationToken).AsTask();
}

/// <summary>A fault switch for tests: throws before or after the handler for chosen deliveries.</summary>
internal sealed class FaultInterceptor : IProcessingInterceptor
{
    public Func<ConsumedEvent, bool> FailBefore { get; init; } = _ => false;

    public Func<ConsumedEvent, bool> FailAfter { get; init; } = _ => false;

    public ValueTask BeforeHandleAsync(IReadOnlyList<ConsumedEvent> events, CancellationToken cancellationToken) =>
        events.Any(FailBefore) ? throw new InvalidOperationException("injected failure before the write") : ValueTask.CompletedTask;

    public ValueTask AfterHandleAsync(IReadOnlyList<ConsumedEvent> events, CancellationToken cancellationToken) =>
        events.Any(FailAfter) ? throw new InvalidOperationException("injected failure after the write, before the ack") : ValueTask.CompletedTask;
}

internal static class KitJsonStores
{
    public static KvProjectionStore<OrderSummary> Summaries(TestStream stream) =>
        new(stream.Bucket, "test-" + stream.Name, KitJson.Default.OrderSummary);
}
