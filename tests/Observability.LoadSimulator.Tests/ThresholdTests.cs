using Observability.LoadSimulator.Plugins;
using Observability.LoadSimulator.Scenarios;
using Observability.LoadSimulator.Scheduling;
using Observability.LoadSimulator.Simulations;
using Observability.LoadSimulator.Statistics;
using Observability.LoadSimulator.Thresholds;

namespace Observability.LoadSimulator.Tests;

public sealed class ThresholdTests
{
    private static ScenarioProps Failing(double failShare) => Scenario.Create("s", async ctx =>
    {
        await Task.Delay(TimeSpan.FromMilliseconds(20), ctx.Time, ctx.CancellationToken);
        return ctx.Random.NextDouble() < failShare ? Response.Fail() : Response.Ok();
    }).WithLoadSimulations(Simulation.Inject(50, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(4)));

    [Fact]
    public async Task Passing_thresholds_give_exit_code_0()
    {
        var scenario = Failing(0).WithThresholds(new ThresholdOptions { MaxFailPercent = 1, MaxLatencyP99Ms = 100 });

        var result = await FakeClock.RunAsync(LoadRunner.RegisterScenarios(scenario), FakeClock.Create());

        Assert.Equal(RunOutcome.Passed, result.Outcome);
        Assert.Equal(0, result.ExitCode);
        Assert.Equal(2, result.Thresholds.Count);
        Assert.All(result.Thresholds, t => Assert.True(t.Passed));
    }

    [Fact]
    public async Task A_failed_final_threshold_gives_exit_code_1()
    {
        var scenario = Failing(0).WithThresholds(new ThresholdOptions { MaxLatencyP99Ms = 10 });

        var result = await FakeClock.RunAsync(LoadRunner.RegisterScenarios(scenario), FakeClock.Create());

        Assert.Equal(1, result.ExitCode);
        var threshold = Assert.Single(result.Thresholds);
        Assert.False(threshold.Passed);
        Assert.Equal("20 ms", threshold.Actual);
    }

    [Fact]
    public async Task Exceeding_the_runtime_failure_limit_aborts_with_exit_code_2_and_the_books_still_balance()
    {
        var scenario = Failing(0.9).WithThresholds(new ThresholdOptions { AbortWhenFailPercentAbove = 50, AbortMinIterations = 20 });

        var result = await FakeClock.RunAsync(LoadRunner.RegisterScenarios(scenario), FakeClock.Create());

        Assert.Equal(RunOutcome.Aborted, result.Outcome);
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("exceeded the runtime limit", result.AbortReason, StringComparison.Ordinal);
        Assert.True(result.Scenarios[0].Counts.Intended < 200, "the run stopped early");
        Assert.True(result.Scenarios[0].Counts.AddsUp);
    }

    [Fact]
    public async Task Custom_and_plugin_thresholds_count_towards_the_exit_code()
    {
        var scenario = Failing(0).WithThreshold("at least 1000 ok", r => r.Counts.Ok >= 1000);

        var result = await FakeClock.RunAsync(LoadRunner.RegisterScenarios(scenario).WithPlugins(new LagDrainedPlugin()), FakeClock.Create());

        Assert.Equal(1, result.ExitCode);
        Assert.Contains(result.Thresholds, t => t.Name == "at least 1000 ok" && !t.Passed);
        Assert.Contains(result.Thresholds, t => t is { Scenario: null, Name: "lag drained within 5 s", Passed: true });
    }

    [Fact]
    public async Task A_failing_init_aborts_the_run_and_still_runs_clean()
    {
        var cleaned = false;
        var scenario = Failing(0)
            .WithInit(_ => throw new InvalidOperationException("no broker"))
            .WithClean(_ =>
            {
                cleaned = true;
                return Task.CompletedTask;
            });

        var result = await FakeClock.RunAsync(LoadRunner.RegisterScenarios(scenario), FakeClock.Create());

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("no broker", result.AbortReason, StringComparison.Ordinal);
        Assert.Equal(0, result.Scenarios[0].Counts.Intended);
        Assert.True(cleaned);
    }

    private sealed class LagDrainedPlugin : IRunPlugin
    {
        public string Name => "lag";

        public IReadOnlyList<ThresholdResult> EvaluateThresholds(RunResult result) =>
            [new ThresholdResult(null, "lag drained within 5 s", true, "1.2 s")];
    }
}
