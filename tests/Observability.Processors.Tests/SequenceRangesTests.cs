using Observability.Processors.Engagement;

namespace Observability.Processors.Tests;

public sealed class SequenceRangesTests
{
    [Fact]
    public void Sequences_merge_into_ranges_and_a_repeated_sequence_is_refused()
    {
        var ranges = new List<SequenceRange>();

        Assert.True(SequenceRanges.Add(ranges, 5));
        Assert.True(SequenceRanges.Add(ranges, 7));
        Assert.True(SequenceRanges.Add(ranges, 6));
        Assert.True(SequenceRanges.Add(ranges, 10));
        Assert.True(SequenceRanges.Add(ranges, 4));
        Assert.False(SequenceRanges.Add(ranges, 6));

        Assert.Equal([new SequenceRange(4, 7), new SequenceRange(10, 10)], ranges);
        Assert.True(SequenceRanges.Contains(ranges, 10));
        Assert.False(SequenceRanges.Contains(ranges, 8));
    }
}
