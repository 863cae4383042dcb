using Observability.LoadSimulator.Pipeline;

namespace Observability.LoadSimulator.Tests.Pipeline;

public sealed class KneeFinderTests
{
    private const double MaxP99Ms = 1000;

    [Fact]
    public void Lag_that_keeps_growing_across_a_step_is_not_sustainable()
    {
        var verdict = KneeFinder.Judge(new KneeStep(2000, [100, 900, 1800, 2600, 3500, 4300], 20), MaxP99Ms);

        Assert.False(verdict.Sustainable);
        Assert.Contains("lag grew", verdict.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Lag_that_saw_tooths_around_a_level_is_sustainable()
    {
        Assert.True(KneeFinder.Judge(new KneeStep(2000, [400, 1200, 300, 1100, 500, 900, 350], 20), MaxP99Ms).Sustainable);
    }

    [Fact]
    public void A_bump_carried_over_from_the_previous_step_that_drains_is_sustainable()
    {
        Assert.True(KneeFinder.Judge(new KneeStep(1000, [3000, 2000, 900, 200, 0, 0], 20), MaxP99Ms).Sustainable);
    }

    [Fact]
    public void Small_growth_within_the_tolerance_is_sustainable()
    {
        // Half a second of arrivals at 1000/s is 500 messages: 0 -> 400 is batching noise, not falling behind.
        Assert.True(KneeFinder.Judge(new KneeStep(1000, [0, 100, 250, 400], 20), MaxP99Ms).Sustainable);
    }

    [Fact]
    public void A_publish_p99_over_the_limit_is_not_sustainable_even_with_no_lag()
    {
        var verdict = KneeFinder.Judge(new KneeStep(5000, [0, 0, 0], 1500), MaxP99Ms);

        Assert.False(verdict.Sustainable);
        Assert.Contains("p99", verdict.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void The_knee_is_the_last_rate_before_the_first_unsustainable_step()
    {
        KneeStep[] steps =
        [
            new(500, [0, 10, 0, 5], 5),
            new(750, [0, 20, 10, 0], 6),
            new(1125, [0, 800, 1900, 3100], 8),
            new(1688, [0, 0, 0], 5), // after the knee: never counted, even if it looks fine
        ];

        Assert.Equal(750, KneeFinder.Knee(steps, MaxP99Ms));
    }

    [Fact]
    public void No_knee_when_even_the_first_step_is_not_sustainable()
    {
        Assert.Null(KneeFinder.Knee([new KneeStep(500, [0, 1000, 2000, 3000], 5)], MaxP99Ms));
    }
}
