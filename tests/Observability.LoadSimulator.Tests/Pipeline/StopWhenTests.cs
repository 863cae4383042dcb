using Observability.LoadSimulator.Plugins;
using Observability.LoadSimulator.Scenarios;
using Observability.LoadSimulator.Scheduling;
using Observability.LoadSimulator.Simulations;
using Observability.LoadSimulator.Statistics;

namespace Observability.LoadSimulator.Tests.Pipeline;

public sealed class StopWhenTests
{
    [Fact]
    public async Task Cancelling_StopWhen_ends_the_load_early_without_aborting_and_every_iteration_is_counted()
    {
        using var stop = new CancellationTokenSource();
        var scenario = Scenario.Create("stoppable", async ctx =>
        {
            await Task.Delay(TimeSpan.FromMilliseconds(50), ctx.Time, ctx.CancellationToken);
            return Response.Ok();
        })
        .WithLoadSimulations(Simulation.Inject(10, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(10)), Simulation.Inject(20, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(10)))
        .WithStopWhen(stop.Token);

        // As find-knee does: a plugin decides at a phase boundary that the load has gone far enough.
        var plugin = new StopAtPhase(1, stop);
        var result = await FakeClock.RunAsync(LoadRunner.RegisterScenarios(scenario).WithPlugins(plugin), FakeClock.Create());

        var counts = result.Scenarios[0].Counts;
        Assert.Equal(RunOutcome.Passed, result.Outcome);
        Assert.InRange(counts.Intended, 100, 102);
        Assert.Equal(counts.Intended, counts.Ok);
        Assert.Equal(0, counts.Fail + counts.TimedOut + counts.Dropped);
        Assert.True(counts.AddsUp);
        Assert.InRange(result.DurationSeconds, 10, 10.5);
    }

    private sealed class StopAtPhase(int index, CancellationTokenSource stop) : IRunPlugin
    {
        public string Name => "stop-at-phase";

        public Task OnPhaseAsync(PhaseChange phase, CancellationToken cancellationToken)
        {
            if (phase.Index == index)
            {
                // Cancel, not CancelAsync: the stop must land inline, at this instant of the fake clock. CancelAsync
                // runs the callbacks on the thread pool, and on a busy machine the clock moved on before they ran.
                stop.Cancel();
            }

            return Task.CompletedTask;
        }
    }
}
