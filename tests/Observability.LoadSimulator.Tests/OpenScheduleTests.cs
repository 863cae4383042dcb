using Observability.LoadSimulator.Simulations;

namespace Observability.LoadSimulator.Tests;

public sealed class OpenScheduleTests
{
    private static List<TimeSpan> Starts(params LoadSimulation[] simulations) =>
        [.. LoadPlan.Create("s", simulations, TimeSpan.Zero).BuildOpenSchedule(1).Starts().Select(s => s.Intended)];

    [Fact]
    public void Inject_10_per_second_for_5_seconds_plans_50_starts_100_ms_apart()
    {
        var starts = Starts(Simulation.Inject(10, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(5)));

        Assert.Equal(Enumerable.Range(0, 50).Select(i => TimeSpan.FromMilliseconds(100 * i)), starts);
    }

    [Theory]
    [InlineData(0.5, 1)]
    [InlineData(1, 2)]
    public void Fractional_rate_plans_one_start_every_2_seconds(double rate, int intervalSeconds)
    {
        var starts = Starts(Simulation.Inject(rate, TimeSpan.FromSeconds(intervalSeconds), TimeSpan.FromSeconds(10)));

        Assert.Equal([0, 2, 4, 6, 8], starts.Select(s => s.TotalSeconds));
    }

    [Fact]
    public void RampingInject_from_0_to_100_per_second_over_10_seconds_plans_exactly_the_integral()
    {
        var starts = Starts(Simulation.RampingInject(100, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(10)));

        Assert.Equal(500, starts.Count);
        Assert.Equal(starts.Order(), starts);
        // Rate 10t per second, so 5t² are due before t: no drift along the ramp.
        for (var t = 1; t <= 10; t++)
        {
            Assert.Equal(5 * t * t, starts.Count(s => s < TimeSpan.FromSeconds(t)));
        }
    }

    [Fact]
    public void Phases_chain_without_drift_and_pause_starts_nothing()
    {
        var starts = Starts(
            Simulation.Inject(3, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1)),
            Simulation.Pause(TimeSpan.FromSeconds(2)),
            Simulation.Inject(3, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1)));

        Assert.Equal(6, starts.Count);
        Assert.DoesNotContain(starts, s => s >= TimeSpan.FromSeconds(1) && s < TimeSpan.FromSeconds(3));
    }

    [Fact]
    public void InjectRandom_with_the_same_seed_plans_the_same_starts()
    {
        var plan = LoadPlan.Create("s", [Simulation.InjectRandom(5, 50, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(10))], TimeSpan.Zero);

        var first = plan.BuildOpenSchedule(7).Starts().ToList();
        var second = plan.BuildOpenSchedule(7).Starts().ToList();

        Assert.Equal(first, second);
        Assert.InRange(first.Count, 50, 500);
    }

    [Fact]
    public void Mixing_open_and_closed_simulations_is_rejected_with_a_clear_message()
    {
        var error = Assert.Throws<InvalidLoadSimulationException>(() => LoadPlan.Create(
            "orders",
            [Simulation.Inject(10, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(5)), Simulation.KeepConstant(2, TimeSpan.FromSeconds(5))],
            TimeSpan.Zero));

        Assert.Contains("'orders' mixes open-model", error.Message, StringComparison.Ordinal);
        Assert.Contains("KeepConstant", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Negative_rates_and_only_pauses_are_rejected()
    {
        Assert.Throws<InvalidLoadSimulationException>(() => LoadPlan.Create("s", [Simulation.Inject(-1, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1))], TimeSpan.Zero));
        Assert.Throws<InvalidLoadSimulationException>(() => LoadPlan.Create("s", [Simulation.Pause(TimeSpan.FromSeconds(1))], TimeSpan.Zero));
    }
}
