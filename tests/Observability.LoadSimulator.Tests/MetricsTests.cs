using Observability.LoadSimulator.Metrics;
using Observability.LoadSimulator.Scenarios;
using Observability.LoadSimulator.Scheduling;
using Observability.LoadSimulator.Simulations;

namespace Observability.LoadSimulator.Tests;

public sealed class MetricsTests
{
    [Fact]
    public async Task The_catalog_metrics_count_iterations_by_outcome_with_run_id_and_scenario_labels()
    {
        var registry = Prometheus.Metrics.NewCustomRegistry();
        var scenario = Scenario.Create("m", async ctx =>
        {
            await Task.Delay(TimeSpan.FromMilliseconds(300), ctx.Time, ctx.CancellationToken);
            return ctx.InvocationNumber % 5 == 0 ? Response.Fail() : Response.Ok();
        }).WithLoadSimulations(Simulation.Inject(10, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2)));

        var result = await FakeClock.RunAsync(
            LoadRunner.RegisterScenarios(scenario)
                .WithOptions(RunOptions.Default with { RunId = "r1", MaxConcurrency = 2 })
                .WithMetrics(new LoadSimMetrics(registry)),
            FakeClock.Create());

        using var stream = new MemoryStream();
        await registry.CollectAndExportAsTextAsync(stream);
        var text = System.Text.Encoding.UTF8.GetString(stream.ToArray());
        var counts = result.Scenarios[0].Counts;
        Assert.Contains($"loadsim_iterations_total{{run_id=\"r1\",scenario=\"m\",outcome=\"ok\"}} {counts.Ok}", text, StringComparison.Ordinal);
        Assert.Contains($"loadsim_iterations_total{{run_id=\"r1\",scenario=\"m\",outcome=\"fail\"}} {counts.Fail}", text, StringComparison.Ordinal);
        Assert.Contains($"loadsim_iterations_total{{run_id=\"r1\",scenario=\"m\",outcome=\"dropped\"}} {counts.Dropped}", text, StringComparison.Ordinal);
        Assert.True(counts.Dropped > 0);
        Assert.Contains($"loadsim_latency_seconds_count{{run_id=\"r1\",scenario=\"m\"}} {counts.Ok + counts.Fail}", text, StringComparison.Ordinal);
        Assert.Contains("loadsim_latency_seconds_bucket{run_id=\"r1\",scenario=\"m\",le=\"0.0001\"}", text, StringComparison.Ordinal);
        Assert.Contains("loadsim_service_time_seconds_bucket{run_id=\"r1\",scenario=\"m\",le=\"30\"}", text, StringComparison.Ordinal);
        Assert.Contains("loadsim_target_rate{run_id=\"r1\",scenario=\"m\"}", text, StringComparison.Ordinal);
        Assert.Contains("loadsim_inflight_iterations{run_id=\"r1\",scenario=\"m\"} 0", text, StringComparison.Ordinal);
        Assert.Contains("loadsim_copies{run_id=\"r1\",scenario=\"m\"} 0", text, StringComparison.Ordinal);
    }
}
