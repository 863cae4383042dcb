using Observability.Messaging.Lag;

namespace Observability.Cli.Tests.Lag;

public sealed class ConsumerStatusRuleTests
{
    private static readonly DateTimeOffset T0 = DateTimeOffset.Parse("2026-01-01T10:00:00Z", System.Globalization.CultureInfo.InvariantCulture);

    private static LagSample Sample(double atSeconds, ulong pending, long ackPending = 0, ulong ackFloor = 0, long waiting = 1, double? activeSecondsAgo = 0) => new()
    {
        Stream = "S",
        Consumer = "c",
        At = T0.AddSeconds(atSeconds),
        Pending = pending,
        AckPending = ackPending,
        AckFloor = ackFloor,
        Waiting = waiting,
        LastActive = activeSecondsAgo is { } ago ? T0.AddSeconds(atSeconds - ago) : null,
    };

    [Fact]
    public void No_lag_is_ok_whatever_else_the_sample_says()
    {
        Assert.Equal(ConsumerStatus.Ok, ConsumerStatusRule.Classify(null, Sample(0, 0, waiting: 0, activeSecondsAgo: null)));
        Assert.Equal(TimeSpan.Zero, ConsumerStatusRule.TimeToDrain(null, Sample(0, 0)));
    }

    [Fact]
    public void Lag_with_no_pull_waiting_and_no_activity_for_ten_seconds_is_stopped()
    {
        Assert.Equal(ConsumerStatus.Stopped, ConsumerStatusRule.Classify(null, Sample(0, 50, waiting: 0, activeSecondsAgo: null)));
        Assert.Equal(ConsumerStatus.Stopped, ConsumerStatusRule.Classify(null, Sample(0, 50, waiting: 0, activeSecondsAgo: 11)));
        Assert.NotEqual(ConsumerStatus.Stopped, ConsumerStatusRule.Classify(null, Sample(0, 50, waiting: 0, activeSecondsAgo: 2)));
        Assert.NotEqual(ConsumerStatus.Stopped, ConsumerStatusRule.Classify(null, Sample(0, 50, waiting: 1, activeSecondsAgo: 60)));
    }

    [Fact]
    public void Lag_whose_ack_floor_and_size_do_not_move_between_samples_is_stalled()
    {
        var before = Sample(0, 10, ackPending: 5, ackFloor: 100);
        var after = Sample(2, 10, ackPending: 5, ackFloor: 100);

        Assert.Equal(ConsumerStatus.Stalled, ConsumerStatusRule.Classify(before, after));
        Assert.Null(ConsumerStatusRule.TimeToDrain(before, after));
    }

    [Fact]
    public void Samples_too_close_together_or_a_single_sample_are_not_called_stalled()
    {
        Assert.Equal(ConsumerStatus.Behind, ConsumerStatusRule.Classify(Sample(0, 10, ackFloor: 100), Sample(0.5, 10, ackFloor: 100)));
        Assert.Equal(ConsumerStatus.Behind, ConsumerStatusRule.Classify(null, Sample(0, 10, ackFloor: 100)));
    }

    [Fact]
    public void Draining_lag_is_behind_with_a_drain_rate_and_a_time_to_drain()
    {
        var before = Sample(0, 1000, ackFloor: 100);
        var after = Sample(2, 800, ackFloor: 300);

        Assert.Equal(ConsumerStatus.Behind, ConsumerStatusRule.Classify(before, after));
        Assert.Equal(100, ConsumerStatusRule.DrainRate(before, after));
        Assert.Equal(TimeSpan.FromSeconds(8), ConsumerStatusRule.TimeToDrain(before, after));
    }

    [Fact]
    public void Growing_lag_with_a_moving_ack_floor_is_behind_and_not_draining()
    {
        var before = Sample(0, 100, ackFloor: 100);
        var after = Sample(2, 300, ackFloor: 200);

        Assert.Equal(ConsumerStatus.Behind, ConsumerStatusRule.Classify(before, after));
        Assert.Equal(-100, ConsumerStatusRule.DrainRate(before, after));
        Assert.Null(ConsumerStatusRule.TimeToDrain(before, after));
    }
}
