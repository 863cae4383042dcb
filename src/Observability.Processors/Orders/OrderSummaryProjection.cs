using System.Collections.Concurrent;
using NATS.Client.JetStream;
using NATS.Client.KeyValueStore;
using Observability.Contracts.Events;
using Observability.Contracts.Orders;
using Observability.Contracts.Topology;
using Observability.Messaging.Consuming;
using Observability.Messaging.DeadLetters;
using Observability.Messaging.Projections;
using Observability.Messaging.Replay;
using Observability.Orders.EventStore;
using Observability.Orders.Summaries;
using Observability.Processors.Analytics;
using Prometheus;

namespace Observability.Processors.Orders;

/// <summary>
/// ORDERS -> <c>order-summaries</c>, exact with any number of replicas. A summary's <c>LastAppliedSequence</c> is the
/// newest message of the order it accounts for, and every earlier one is accounted for too. An event is applied only
/// when it follows that position: the broker stored it with its aggregate's previous sequence
/// (<see cref="ConsumedEvent.PreviousSubjectSequence"/>), so a gap is seen at once. On a gap (an earlier event still
/// in flight on another replica, nakked, or dead-lettered) the missing messages are folded from the event store first,
/// in stream order; the late delivery of one of them is then a duplicate. "Skip anything at or below the last applied
/// sequence" alone would drop the earlier event a racing replica delivers late.
/// One order's events in a micro-batch make one compare-and-set write; different orders are written concurrently.
/// The analytics counters move only after the write that applied the event, so a redelivery never counts twice.
/// </summary>
public sealed class OrderSummaryProjection(INatsJSContext js, string bucket = Buckets.OrderSummaries, bool validateSchemas = true)
    : IEventHandler, IDeadLetterObserver, IReplayHandler
{
    public const string ProjectionName = "order-summary";

    private readonly ConcurrentDictionary<string, Counter.Child> _statusCounters = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Counter.Child> _revenueCounters = new(StringComparer.Ordinal);
    private readonly OrderEventStore _eventStore = new(js, validateSchemas);
    private readonly Counter.Child _catchUps = ProjectionMetrics.CatchUps.WithLabels(ProjectionName);
    private Task<KvProjectionStore<OrderSummary>>? _store;

    public async ValueTask HandleAsync(IReadOnlyList<ConsumedEvent> events, CancellationToken cancellationToken)
    {
        var store = await (_store ??= OpenAsync(cancellationToken));
        if (events.Count == 1)
        {
            await ApplyAsync(store, events, cancellationToken);
            return;
        }

        // Group by the order of the subject, keeping stream order inside each group; groups are independent keys.
        var groups = new Dictionary<string, List<ConsumedEvent>>(StringComparer.Ordinal);
        foreach (var e in events)
        {
            var orderId = Subjects.OrderIdOf(e.Subject) ?? "";
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

    /// <summary>Records a message the host dead-lettered before it reached us, so the summary says so instead of "pending".</summary>
    public async ValueTask OnDeadLetteredAsync(DeadLetteredMessage message, CancellationToken cancellationToken)
    {
        if (Subjects.OrderIdOf(message.Subject) is not { } orderId || !Subjects.IsValidOrderId(orderId))
        {
            return;
        }

        var store = await (_store ??= OpenAsync(cancellationToken));
        var applied = new List<IOrderEvent>();
        await store.UpdateAsync(orderId, async (current, ct) =>
        {
            applied.Clear();
            if (message.StreamSequence <= (current?.LastAppliedSequence ?? 0))
            {
                return null;
            }

            var next = await CatchUpAsync(orderId, current, message.StreamSequence, applied, ct);
            return OrderSummaryFold.Skip(next, orderId, message.StreamSequence, message.Reason, message.Detail);
        }, cancellationToken);
        Count(applied);
    }

    /// <summary>
    /// Applies one stored message again (a dead letter being replayed). Past the summary's position it is a normal catch-up;
    /// at or below it and not applied (it was skipped as unreadable) the order is folded afresh from the event store, so
    /// the event lands in stream order, once.
    /// </summary>
    public async ValueTask<Contracts.Replay.ReplayResponse> ReplayAsync(string subject, ulong sequence, CancellationToken cancellationToken)
    {
        if (Subjects.OrderIdOf(subject) is not { } orderId || !Subjects.IsValidOrderId(orderId))
        {
            return new(Contracts.Replay.ReplayOutcomes.StillFailing, $"subject {subject} is not an order subject");
        }

        var target = (await _eventStore.ReadMessagesAsync(orderId, sequence, sequence, cancellationToken)).SingleOrDefault();
        if (target is null)
        {
            return new(Contracts.Replay.ReplayOutcomes.NotFound, $"no message of order {orderId} at sequence {sequence}");
        }

        if (!target.IsReadable)
        {
            return new(Contracts.Replay.ReplayOutcomes.StillFailing, $"{target.FailureReason}: {target.FailureDetail}");
        }

        var store = await (_store ??= OpenAsync(cancellationToken));
        var applied = new List<IOrderEvent>();
        var write = await store.UpdateAsync(orderId, async (current, ct) =>
        {
            applied.Clear();
            if (current is not null && current.AppliedSequences.Contains(sequence))
            {
                return null;
            }

            if (sequence > (current?.LastAppliedSequence ?? 0))
            {
                return await CatchUpAsync(orderId, current, sequence + 1, applied, ct);
            }

            // Refold: every message up to the summary's position, the replayed one now included.
            var refolded = await CatchUpAsync(orderId, null, current!.LastAppliedSequence + 1, [], ct);
            applied.Add(target.Event!);
            return refolded;
        }, cancellationToken);
        Count(applied);
        return write.Written
            ? new(Contracts.Replay.ReplayOutcomes.Applied)
            : new(Contracts.Replay.ReplayOutcomes.AlreadyApplied);
    }

    private async Task<KvProjectionStore<OrderSummary>> OpenAsync(CancellationToken cancellationToken)
    {
        var kv = await new NatsKVContext(js).GetStoreAsync(bucket, cancellationToken);
        return new KvProjectionStore<OrderSummary>(kv, ProjectionName, KitJson.Default.OrderSummary);
    }

    /// <summary>Applies one order's events (stream order) in one write; marks each applied, duplicate, rejected or failed.</summary>
    private async Task ApplyAsync(KvProjectionStore<OrderSummary> store, IReadOnlyList<ConsumedEvent> group, CancellationToken cancellationToken)
    {
        var orderId = Subjects.OrderIdOf(group[0].Subject);
        if (orderId is null || !Subjects.IsValidOrderId(orderId))
        {
            foreach (var e in group)
            {
                e.Reject($"subject {e.Subject} is not an order subject");
            }

            return;
        }

        var outcomes = new HandleOutcome[group.Count];
        var applied = new List<IOrderEvent>();
        try
        {
            await store.UpdateAsync(orderId, async (current, ct) =>
            {
                applied.Clear();
                var next = current;
                for (var i = 0; i < group.Count; i++)
                {
                    var e = group[i];
                    var position = next?.LastAppliedSequence ?? 0;
                    if (e.StreamSequence <= position)
                    {
                        // Redelivered after its write, or applied by a catch-up: nothing to do. A rejected one was recorded.
                        outcomes[i] = MismatchOf(orderId, e) is null ? HandleOutcome.Duplicate : HandleOutcome.Rejected;
                        continue;
                    }

                    if (e.PreviousSubjectSequence != position)
                    {
                        // A gap, or a publisher that did not say: fold what lies between from the event store.
                        next = await CatchUpAsync(orderId, next, e.StreamSequence, applied, ct);
                    }

                    if (MismatchOf(orderId, e) is { } mismatch)
                    {
                        next = OrderSummaryFold.Skip(next, orderId, e.StreamSequence, DeadLetterReason.Rejected, mismatch);
                        outcomes[i] = HandleOutcome.Rejected;
                        continue;
                    }

                    var orderEvent = (IOrderEvent)e.Event;
                    next = OrderSummaryFold.Apply(next, orderEvent, e.StreamSequence);
                    applied.Add(orderEvent);
                    outcomes[i] = HandleOutcome.Applied;
                }

                return ReferenceEquals(next, current) ? null : next;
            }, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            foreach (var e in group)
            {
                e.Fail(ex);
            }

            return;
        }

        for (var i = 0; i < group.Count; i++)
        {
            var e = group[i];
            switch (outcomes[i])
            {
                case HandleOutcome.Applied:
                    e.Applied();
                    break;
                case HandleOutcome.Rejected:
                    e.Reject(MismatchOf(orderId, e) ?? "rejected");
                    break;
                default:
                    e.Duplicate();
                    break;
            }
        }

        Count(applied);
    }

    /// <summary>Folds the order's messages after the summary's position and before <paramref name="before"/> from the event store.</summary>
    private async ValueTask<OrderSummary?> CatchUpAsync(string orderId, OrderSummary? summary, ulong before, List<IOrderEvent> applied, CancellationToken cancellationToken)
    {
        var from = (summary?.LastAppliedSequence ?? 0) + 1;
        if (before <= from)
        {
            return summary;
        }

        foreach (var m in await _eventStore.ReadMessagesAsync(orderId, from, before - 1, cancellationToken))
        {
            _catchUps.Inc();
            if (m.Event is { } e)
            {
                summary = OrderSummaryFold.Apply(summary, e, m.Sequence);
                applied.Add(e);
            }
            else
            {
                summary = OrderSummaryFold.Skip(summary, orderId, m.Sequence, m.FailureReason!, m.FailureDetail);
            }
        }

        return summary;
    }

    /// <summary>Why an event cannot belong to the order of its subject, or null when it does.</summary>
    private static string? MismatchOf(string orderId, ConsumedEvent e) =>
        e.Event is IOrderEvent order && order.OrderId == orderId
            ? null
            : $"order id '{(e.Event as IOrderEvent)?.OrderId}' does not match subject {e.Subject}";

    private void Count(List<IOrderEvent> applied)
    {
        foreach (var orderEvent in applied)
        {
            if (OrderSummaryFold.StatusLabel(orderEvent) is { } status)
            {
                _statusCounters.GetOrAdd(status, s => BusinessMetrics.OrdersByStatus.WithLabels(s)).Inc();
            }

            if (orderEvent is OrderPlaced placed)
            {
                _revenueCounters.GetOrAdd(placed.Currency, c => BusinessMetrics.OrderRevenue.WithLabels(c)).Inc((double)placed.Total);
            }
        }
    }
}
