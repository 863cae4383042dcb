namespace Observability.Producer.Scheduling;

/// <summary>
/// An open-model rate: item <c>k</c> (from 0) is due at <c>start + k / rate</c>, whatever happened to the items before
/// it, so a slow broker makes the producer catch up rather than drift. With a duration, exactly the items due before
/// its end are issued: <c>ceil(rate x duration)</c>. Fractional rates are fine.
/// </summary>
internal sealed class RateSchedule(double perSecond, DateTimeOffset start, TimeSpan duration)
{
    /// <summary>Items issued so far; the next one has this index.</summary>
    public long Issued { get; private set; }

    /// <summary>How many items the whole run issues, or null when it runs until stopped.</summary>
    public long? Total { get; } = perSecond <= 0 ? 0 : duration > TimeSpan.Zero ? (long)Math.Ceiling((perSecond * duration.TotalSeconds) - 1e-9) : null;

    public bool IsComplete => Issued >= Total;

    /// <summary>Due time of item <paramref name="index"/>.</summary>
    public DateTimeOffset DueAt(long index) => start + TimeSpan.FromTicks((long)Math.Round(index * TimeSpan.TicksPerSecond / perSecond));

    /// <summary>The next item's due time, or null when none is left.</summary>
    public DateTimeOffset? NextDue => IsComplete ? null : DueAt(Issued);

    /// <summary>Issues every item due at <paramref name="now"/>: returns the first index and how many.</summary>
    public (long First, int Count) TakeDue(DateTimeOffset now)
    {
        var first = Issued;
        while (!IsComplete && DueAt(Issued) <= now)
        {
            Issued++;
        }

        return (first, (int)(Issued - first));
    }
}
