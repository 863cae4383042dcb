using Observability.Contracts.Faults;
using Observability.LoadSimulator.Faults;
using Observability.LoadSimulator.Simulations;

namespace Observability.LoadSimulator.Tests.Faults;

public sealed class FaultStepParserTests
{
    [Fact]
    public void An_exception_step_reads_kind_probability_consumer_start_and_duration()
    {
        var step = FaultStepParser.Parse("exception 20% on order-summary at 20 s for 30 s");

        Assert.Equal(FaultKinds.Exception, step.Kind);
        Assert.Equal(0.2, step.Probability, 9);
        Assert.Equal("order-summary", step.Consumer);
        Assert.Equal(TimeSpan.FromSeconds(20), step.At);
        Assert.Equal(TimeSpan.FromSeconds(30), step.Duration);
        Assert.Equal(TimeSpan.FromSeconds(50), step.End);
        Assert.Null(step.Amount);
    }

    [Fact]
    public void A_crash_of_the_processors_targets_every_consumer_once_per_replica_for_five_seconds()
    {
        var step = FaultStepParser.Parse("crash after-write of the processors at 60s");

        Assert.Equal(FaultKinds.Crash, step.Kind);
        Assert.Equal(CrashPoints.AfterWrite, step.CrashPoint);
        Assert.Equal(FaultSwitch.AllConsumers, step.Consumer);
        Assert.Equal(1, step.Amount);
        Assert.Equal(FaultStepParser.DefaultCrashWindow, step.Duration);
    }

    [Fact]
    public void Slow_and_stall_take_their_delay_after_the_kind_and_a_stall_lasts_its_delay_by_default()
    {
        var slow = FaultStepParser.Parse("slow 35s x2 on order-summary at 55s for 10s");
        var stall = FaultStepParser.Parse("STALL 10s on order-summary at 90s");

        Assert.Equal(TimeSpan.FromSeconds(35), slow.Delay);
        Assert.Equal(2, slow.Amount);
        Assert.Equal(TimeSpan.FromSeconds(10), slow.Duration);
        Assert.Equal(TimeSpan.FromSeconds(10), stall.Delay);
        Assert.Equal(TimeSpan.FromSeconds(10), stall.Duration);
    }

    [Fact]
    public void A_broker_restart_takes_only_a_time()
    {
        var step = FaultStepParser.Parse("broker restart at 90 s");

        Assert.True(step.IsBrokerRestart);
        Assert.Equal(TimeSpan.FromSeconds(90), step.At);
        Assert.Equal(TimeSpan.Zero, step.Duration);
    }

    [Theory]
    [InlineData("exception 20% on order-summary at 20s for 30s")]
    [InlineData("fail-after-write 12.5% x50 on order-summary type orders.order-placed.v1 at 0.5s for 15s")]
    [InlineData("slow 35s x2 on order-summary at 55s for 10s")]
    [InlineData("crash after-write x1 on all at 75s for 5s")]
    [InlineData("stall 10s on order-summary at 90s for 10s")]
    [InlineData("broker restart at 110s")]
    public void The_text_form_reads_back_to_the_same_step(string text)
    {
        var step = FaultStepParser.Parse(text);

        Assert.Equal(step, FaultStepParser.Parse(step.ToString()));
        Assert.Equal(text, step.ToString());
    }

    [Theory]
    [InlineData("", "empty")]
    [InlineData("explode on order-summary at 1s for 1s", "unknown fault kind 'explode'")]
    [InlineData("exception 20% on order-summary for 30s", "'at <time>' is required")]
    [InlineData("exception 20% on order-summary at 20s", "'for <duration>' is required")]
    [InlineData("exception 0% on order-summary at 20s for 30s", "more than 0 %")]
    [InlineData("exception 150% on order-summary at 20s for 30s", "at most 100 %")]
    [InlineData("exception twenty% at 20s for 30s", "'twenty%' is not a percentage")]
    [InlineData("exception at soon for 30s", "'soon' is not a time")]
    [InlineData("exception at 20s for 0s", "'for' must be more than 0 s")]
    [InlineData("exception at 20s for 2h", "at most 1 h")]
    [InlineData("exception x0 at 20s for 2s", "at least 1")]
    [InlineData("exception on order.summary at 20s for 2s", "not a consumer name")]
    [InlineData("slow on order-summary at 20s for 2s", "'slow' needs a delay")]
    [InlineData("exception 5s on order-summary at 20s for 2s", "a delay applies only to slow and stall")]
    [InlineData("exception after-write at 20s for 2s", "a crash point applies only to crash")]
    [InlineData("broker restart at 20s for 5s", "a broker restart takes only 'at'")]
    [InlineData("exception at 20s for 30s please", "did not expect 'please'")]
    public void A_bad_step_is_rejected_with_a_message_naming_the_step_and_the_problem(string text, string expected)
    {
        var error = Assert.Throws<InvalidLoadSimulationException>(() => FaultStepParser.Parse(text));

        Assert.Contains($"fault step '{text}'", error.Message, StringComparison.Ordinal);
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_built_in_redelivery_chaos_timeline_is_valid_and_ends_well_before_its_load()
    {
        var setup = RedeliveryChaos.Setup(new Dictionary<string, string>());

        Assert.Equal(6, setup.Faults.Count);
        Assert.Equal([FaultKinds.Exception, FaultKinds.FailAfterWrite, FaultKinds.Slow, FaultKinds.Crash, FaultKinds.Stall, FaultStep.BrokerRestart], setup.Faults.Select(f => f.Kind));
        var lastEnd = setup.Faults.Max(f => f.End);
        var loadEnd = setup.Scenario.LoadSimulations.Aggregate(TimeSpan.Zero, (sum, s) => sum + s.During);
        Assert.True(loadEnd - lastEnd >= TimeSpan.FromSeconds(30), $"the load must outlast the last fault by the recovery window: {lastEnd} vs {loadEnd}");
        Assert.Contains(setup.Plugins, p => p is Observability.LoadSimulator.Pipeline.PipelinePlugin);
    }
}
