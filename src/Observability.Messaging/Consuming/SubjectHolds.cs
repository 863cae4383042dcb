using System.Diagnostics;

namespace Observability.Messaging.Consuming;

/// <summary>
/// Keeps one subject's messages in order across a nak. When a message fails and is nakked, later messages of the same
/// subject are nakked too until the failed one comes back and settles; otherwise a later event could be applied first
/// and the redelivered earlier one would then look like a duplicate (sequence at or below the last applied) and be
/// skipped. Per partition worker (single-threaded). A hold expires after <c>maxHold</c>, e.g. when the redelivery went
/// to another replica, which this process cannot see.
/// </summary>
internal sealed class SubjectHolds(TimeSpan maxHold)
{
    private readonly Dictionary<string, (ulong Sequence, long Until)> _held = new(StringComparer.Ordinal);
    private readonly long _maxHoldTicks = (long)(maxHold.TotalSeconds * Stopwatch.Frequency);

    public bool IsEmpty => _held.Count == 0;

    /// <summary>True when an earlier message of this subject is awaiting its redelivery.</summary>
    public bool MustWait(ConsumedEvent e)
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

    /// <summary>A message of this subject was nakked: hold its successors (the earliest failed sequence wins).</summary>
    public void Hold(ConsumedEvent e)
    {
        if (!_held.TryGetValue(e.Subject, out var hold) || e.StreamSequence <= hold.Sequence)
        {
            _held[e.Subject] = (e.StreamSequence, Stopwatch.GetTimestamp() + _maxHoldTicks);
        }
    }

    /// <summary>The held message settled (applied, skipped or dead-lettered): its successors may go.</summary>
    public void Release(ConsumedEvent e)
    {
        if (_held.TryGetValue(e.Subject, out var hold) && hold.Sequence == e.StreamSequence)
        {
            _held.Remove(e.Subject);
        }
    }
}
