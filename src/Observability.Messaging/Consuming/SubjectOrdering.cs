using System.Diagnostics;

namespace Observability.Messaging.Consuming;

/// <summary>
/// Keeps one subject's messages in order across a nak. When a message fails and is nakked, later messages of the same
/// subject are nakked too until the failed one comes back and settles; otherwise a later event could be applied first
/// and the redelivered earlier one would then look like a duplicate (sequence at or below the last applied) and be
/// skipped. Per partition worker (single-threaded). A hold expires after <c>maxHold</c>, e.g. when the redelivery went
/// to another replica, which this process cannot see.
/// </summary>
internal sealed class SubjectOrdering(TimeSpan maxHold, Settlement settlement)
{
    private readonly Dictionary<string, (ulong Sequence, long Until)> _held = new(StringComparer.Ordinal);
    private readonly long _maxHoldTicks = (long)(maxHold.TotalSeconds * Stopwatch.Frequency);

    /// <summary>Naks the messages whose subject waits for an earlier redelivery; returns the rest, in order.</summary>
    public async ValueTask<List<ConsumedEvent>> HoldBackAsync(List<ConsumedEvent> batch, CancellationToken cancellationToken)
    {
        if (_held.Count == 0)
        {
            return batch;
        }

        List<ConsumedEvent>? ready = null;
        for (var i = 0; i < batch.Count; i++)
        {
            var e = batch[i];
            // On its last delivery a message goes through: a late apply beats a healthy event being dead-lettered.
            if (MustWait(e) && !settlement.IsLastDelivery(e))
            {
                ready ??= batch.GetRange(0, i);
                Activity.Current = e.Activity;
                await settlement.NakAsync(e, "held_behind_failure", cancellationToken);
                Activity.Current = null;
            }
            else
            {
                ready?.Add(e);
            }
        }

        return ready ?? batch;
    }

    /// <summary>After settling: a nakked message holds its subject's successors; a settled held one lets them go.</summary>
    public void Settled(ConsumedEvent e)
    {
        if (e.Outcome is HandleOutcome.Failed or HandleOutcome.Pending && !settlement.IsLastDelivery(e))
        {
            Hold(e);
        }
        else
        {
            Release(e);
        }
    }

    private bool MustWait(ConsumedEvent e)
    {
        if (!_held.TryGetValue(e.Subject, out var hold))
        {
            return false;
        }

        if (Stopwatch.GetTimestamp() > hold.Until)
        {
            _held.Remove(e.Subject);
            return false;
        }

        return e.StreamSequence > hold.Sequence;
    }

    /// <summary>The earliest failed sequence of a subject wins.</summary>
    private void Hold(ConsumedEvent e)
    {
        if (!_held.TryGetValue(e.Subject, out var hold) || e.StreamSequence <= hold.Sequence)
        {
            _held[e.Subject] = (e.StreamSequence, Stopwatch.GetTimestamp() + _maxHoldTicks);
        }
    }

    private void Release(ConsumedEvent e)
    {
        if (_held.TryGetValue(e.Subject, out var hold) && hold.Sequence == e.StreamSequence)
        {
            _held.Remove(e.Subject);
        }
    }
}
