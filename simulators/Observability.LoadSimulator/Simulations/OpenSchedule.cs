namespace Observability.LoadSimulator.Simulations;

/// <summary>
/// The exact intended start of every open-model iteration. The i-th iteration (0-based, counted across
/// all phases) is due when the integral of the rate reaches i, so there is no cumulative drift and a
/// ramp delivers exactly its integral.
/// </summary>
internal sealed class OpenSchedule
{
    private const double Epsilon = 1e-9;

    public OpenSchedule(IReadOnlyList<RateSegment> segments)
    {
        Segments = segments;
        TotalDuration = segments.Count == 0 ? TimeSpan.Zero : segments[^1].End;
    }

    public IReadOnlyList<RateSegment> Segments { get; }

    public TimeSpan TotalDuration { get; }

    public IEnumerable<ScheduledStart> Starts()
    {
        double countAtSegmentStart = 0;
        long next = 0;
        foreach (var segment in Segments)
        {
            var countAtSegmentEnd = countAtSegmentStart + segment.CountAt(segment.Duration.TotalSeconds);
            // Every integer k in [countAtSegmentStart, countAtSegmentEnd) is due inside this segment.
            var endExclusive = (long)Math.Ceiling(countAtSegmentEnd - Epsilon);
            for (var k = next; k < endExclusive; k++)
            {
                var seconds = segment.TimeOf(k - countAtSegmentStart);
                var offset = segment.Start + TimeSpan.FromTicks((long)Math.Round(seconds * TimeSpan.TicksPerSecond));
                if (offset >= segment.End)
                {
                    offset = segment.End - TimeSpan.FromTicks(1);
                }

                yield return new ScheduledStart(offset, segment.IsWarmUp);
            }

            next = Math.Max(next, endExclusive);
            countAtSegmentStart = countAtSegmentEnd;
        }
    }

    /// <summary>Target rate in iterations per second at <paramref name="offset"/> from the run start.</summary>
    public double RateAt(TimeSpan offset)
    {
        foreach (var segment in Segments)
        {
            if (offset >= segment.Start && offset < segment.End)
            {
                return segment.RateAt((offset - segment.Start).TotalSeconds);
            }
        }

        return 0;
    }

    /// <summary>Iterations the schedule asks for between two offsets (the integral of the rate).</summary>
    public double ExpectedBetween(TimeSpan from, TimeSpan to)
    {
        double total = 0;
        foreach (var segment in Segments)
        {
            if (segment.End <= from || segment.Start >= to)
            {
                continue;
            }

            var a = (from - segment.Start).TotalSeconds;
            var b = (to - segment.Start).TotalSeconds;
            total += segment.CountAt(b) - segment.CountAt(a);
        }

        return total;
    }

    public long TotalIntended() => Starts().LongCount();
}
