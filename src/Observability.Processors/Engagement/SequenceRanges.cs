namespace Observability.Processors.Engagement;

/// <summary>
/// A sorted list of disjoint <see cref="SequenceRange"/>s: the set of stream sequences a window has counted. In-order
/// consumption keeps it to one range or a few, however many events a window holds.
/// </summary>
internal static class SequenceRanges
{
    public static bool Contains(List<SequenceRange> ranges, ulong sequence) => IndexOf(ranges, sequence) >= 0;

    /// <summary>Adds <paramref name="sequence"/>, merging with its neighbours; false when it was already there.</summary>
    public static bool Add(List<SequenceRange> ranges, ulong sequence)
    {
        var index = IndexOf(ranges, sequence);
        if (index >= 0)
        {
            return false;
        }

        var insertAt = ~index;
        var joinsLeft = insertAt > 0 && ranges[insertAt - 1].To + 1 == sequence;
        var joinsRight = insertAt < ranges.Count && ranges[insertAt].From == sequence + 1;
        if (joinsLeft && joinsRight)
        {
            ranges[insertAt - 1] = new SequenceRange(ranges[insertAt - 1].From, ranges[insertAt].To);
            ranges.RemoveAt(insertAt);
        }
        else if (joinsLeft)
        {
            ranges[insertAt - 1] = ranges[insertAt - 1] with { To = sequence };
        }
        else if (joinsRight)
        {
            ranges[insertAt] = ranges[insertAt] with { From = sequence };
        }
        else
        {
            ranges.Insert(insertAt, new SequenceRange(sequence, sequence));
        }

        return true;
    }

    /// <summary>Index of the range holding <paramref name="sequence"/>, or the complement of where it would go.</summary>
    private static int IndexOf(List<SequenceRange> ranges, ulong sequence)
    {
        int lo = 0, hi = ranges.Count - 1;
        while (lo <= hi)
        {
            var mid = (lo + hi) >>> 1;
            var range = ranges[mid];
            if (sequence < range.From)
            {
                hi = mid - 1;
            }
            else if (sequence > range.To)
            {
                lo = mid + 1;
            }
            else
            {
                return mid;
            }
        }

        return ~lo;
    }
}
