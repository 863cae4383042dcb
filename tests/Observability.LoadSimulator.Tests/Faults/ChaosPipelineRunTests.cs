using NATS.Net;
using Observability.Contracts.Topology;
using Observability.LoadSimulator.Cli;
using Observability.LoadSimulator.Config;
using Observability.LoadSimulator.Faults;
using Observability.LoadSimulator.Plugins;
using Observability.LoadSimulator.Scenarios;
using Observability.LoadSimulator.Scheduling;
using Observability.LoadSimulator.Tests.Pipeline;
using Xunit.Abstractions;

namespace Observability.LoadSimulator.Tests.Faults;

/// <summary>
/// redelivery-chaos, shortened, against a real nats-server, the real processors and the real API (started from their
/// build output: build the solution first), with the plugins the CLI builds for it.
/// </summary>
public sealed class ChaosPipelineRunTests(ITestOutputHelper output) : PipelineProcessesTest(TimeSpan.FromSeconds(120))
{
    [Fact]
    public async Task A_short_chaos_run_sets_and_clears_its_switches_recovers_and_audits_every_order_applied_once()
    {
        var marker = Path.Combine(Path.GetTempPath(), "loadsim-chaos-" + Guid.NewGuid().ToString("N"));
        var args = RunCommandLine.Parse(
        [
            "run", RedeliveryChaos.Name, "--rate", "20", "--duration", "6s",
            "--fault", "exception 20% on order-summary at 1s for 2s",
            "--fault", "broker restart at 3500ms",
            "--set", $"nats={Pipeline.Nats.Url}", "--set", $"api={Pipeline.ApiUrl}", "--set", $"processors={Pipeline.ProcessorsUrl}",
            "--set", $"brokerRestartCommand=sleep 0.2 && touch {marker}", "--set", "maxRecoverySeconds=15", "--set", "maxDrainSeconds=20",
        ]);
        var plugins = new List<IRunPlugin>();
        var scenarios = ScenarioSelection.Build(args, ScenarioCatalog.CreateDefault(), LoadSimConfig.Empty, plugins);
        var runId = "chaos-" + Guid.NewGuid().ToString("N")[..6];

        try
        {
            var result = await LoadRunner.RegisterScenarios([.. scenarios])
                .WithOptions(RunOptions.Default with { RunId = runId })
                .WithPlugins([.. plugins])
                .RunAsync(Token);

            foreach (var line in result.Thresholds)
            {
                output.WriteLine($"{line.Scenario}: {line.Name}: {line.Actual} ({(line.Passed ? "pass" : "FAIL")})");
            }

            Assert.Equal(120, result.Scenarios.Single().StatusCodes["201"]);
            Assert.Collection(
                result.Faults,
                f => Assert.Equal(("exception", FaultWindowStatus.Done), (f.Kind, f.Status)),
                f => Assert.Equal((FaultStep.BrokerRestart, FaultWindowStatus.Done), (f.Kind, f.Status)));
            // Real time on a shared machine: a timer may fire late (hardly early), and the window ends at its planned end.
            Assert.InRange(result.Faults[0].StartSeconds!.Value, 0.95, 2.0);
            Assert.InRange(result.Faults[0].EndSeconds!.Value, 2.95, 3.8);
            Assert.True(File.Exists(marker), "the broker-restart command ran");
            Assert.Contains(result.Thresholds, t => t.Name.Contains("lag back to 0 within 15 s", StringComparison.Ordinal) && t.Actual.StartsWith("recovered", StringComparison.Ordinal));
            Assert.Contains(result.Thresholds, t => t.Name.StartsWith("delivery audit", StringComparison.Ordinal) && t.Actual.StartsWith("120 orders: 0 lost, 0 doubled, 0 wrong", StringComparison.Ordinal));
            Assert.All(result.Thresholds, t => Assert.True(t.Passed, $"{t.Scenario}: {t.Name}: {t.Actual}"));
            Assert.Equal(0, result.ExitCode);

            await using var client = Pipeline.Nats.CreateClient();
            var switches = await client.CreateKeyValueStoreContext().GetStoreAsync(Buckets.Faults, Token);
            var entry = await switches.TryGetEntryAsync<byte[]>(result.Faults[0].SwitchId!, cancellationToken: Token);
            Assert.False(entry.Success, "the switch is cleared after its window");
        }
        finally
        {
            File.Delete(marker);
        }
    }
}
