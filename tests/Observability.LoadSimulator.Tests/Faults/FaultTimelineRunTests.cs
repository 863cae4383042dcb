using System.Text.Json;
using NATS.Client.KeyValueStore;
using NATS.Net;
using Observability.Contracts.Events;
using Observability.Contracts.Faults;
using Observability.Contracts.Topology;
using Observability.LoadSimulator.Faults;
using Observability.LoadSimulator.Plugins;
using Observability.LoadSimulator.Scenarios;
using Observability.LoadSimulator.Simulations;
using Observability.LoadSimulator.Statistics;
using Observability.Testing;

namespace Observability.LoadSimulator.Tests.Faults;

/// <summary>A fault timeline against a real nats-server: the switches in kit-faults and the broker-restart command.</summary>
public sealed class FaultTimelineRunTests(NatsServerFixture nats) : JetStreamTest(nats), IClassFixture<NatsServerFixture>
{
    private static readonly LoadSimulation Phase = Simulation.Inject(1, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(10));

    [Fact]
    public async Task Each_switch_is_put_at_its_time_and_deleted_at_the_end_of_its_window_on_the_run_clock()
    {
        var time = FakeClock.Create();
        var runId = "ft-" + Guid.NewGuid().ToString("N")[..8];
        var plugin = new FaultTimelinePlugin(Settings(), "chaos", [
            FaultStepParser.Parse("exception 20% on order-summary at 1s for 2s"),
            FaultStepParser.Parse("stall 500ms on order-summary at 2s for 3s"),
        ]);
        var exception = FaultTimelinePlugin.SwitchId(runId, "chaos", 0);
        var stall = FaultTimelinePlugin.SwitchId(runId, "chaos", 1);
        var kv = await Client.CreateKeyValueStoreContext().GetStoreAsync(Buckets.Faults, Token);

        await plugin.StartAsync(new RunStartInfo(runId, ["chaos"], time.GetUtcNow(), time), Token);
        var start = time.GetUtcNow();
        await plugin.OnPhaseAsync(new PhaseChange(runId, "chaos", 0, Phase, false, 0, start), Token);

        time.Advance(TimeSpan.FromMilliseconds(999));
        await AssertAbsentAsync(kv, exception, "not before its time");
        time.Advance(TimeSpan.FromMilliseconds(1));
        var set = await EventuallyPresentAsync(kv, exception);
        Assert.Equal(FaultKinds.Exception, set.Kind);
        Assert.Equal("order-summary", set.Consumer);
        Assert.Equal(0.2, set.Probability, 9);
        Assert.Equal(runId, set.SetBy);
        Assert.Equal(start.AddSeconds(1), set.CreatedAt);
        Assert.Equal(start.AddSeconds(3), set.ExpiresAt);

        time.Advance(TimeSpan.FromSeconds(1));
        var stalled = await EventuallyPresentAsync(kv, stall);
        Assert.Equal(TimeSpan.FromMilliseconds(500), stalled.Delay);
        Assert.Equal(start.AddSeconds(5), stalled.ExpiresAt);

        time.Advance(TimeSpan.FromMilliseconds(999));
        await AssertPresentAsync(kv, exception);
        time.Advance(TimeSpan.FromMilliseconds(1));
        await EventuallyAbsentAsync(kv, exception);
        await AssertPresentAsync(kv, stall);
        time.Advance(TimeSpan.FromSeconds(2));
        await EventuallyAbsentAsync(kv, stall);

        await plugin.StopAsync(EmptyResult(runId), Token);
        Assert.Collection(
            plugin.Windows,
            w => Assert.Equal((1.0, 3.0, FaultWindowStatus.Done, exception), (w.StartSeconds!.Value, w.EndSeconds!.Value, w.Status, w.SwitchId)),
            w => Assert.Equal((2.0, 5.0, FaultWindowStatus.Done, stall), (w.StartSeconds!.Value, w.EndSeconds!.Value, w.Status, w.SwitchId)));
        Assert.All(plugin.Windows, w => Assert.NotNull(w.Redeliveries));
        Assert.True(Assert.Single(plugin.EvaluateThresholds(EmptyResult(runId))).Passed);
    }

    [Fact]
    public async Task When_the_load_ends_first_a_set_switch_is_cleared_and_a_later_step_is_skipped_and_fails_the_timeline()
    {
        var time = FakeClock.Create();
        var runId = "fc-" + Guid.NewGuid().ToString("N")[..8];
        var plugin = new FaultTimelinePlugin(Settings(), "chaos", [
            FaultStepParser.Parse("fail-after-write on order-summary at 1s for 30s"),
            FaultStepParser.Parse("broker restart at 60s"),
        ]);
        var id = FaultTimelinePlugin.SwitchId(runId, "chaos", 0);
        var kv = await Client.CreateKeyValueStoreContext().GetStoreAsync(Buckets.Faults, Token);
        await plugin.StartAsync(new RunStartInfo(runId, ["chaos"], time.GetUtcNow(), time), Token);
        await plugin.OnPhaseAsync(new PhaseChange(runId, "chaos", 0, Phase, false, 0, time.GetUtcNow()), Token);
        time.Advance(TimeSpan.FromSeconds(1));
        await EventuallyPresentAsync(kv, id);
        time.Advance(TimeSpan.FromSeconds(4));

        await plugin.StopAsync(EmptyResult(runId), Token);

        await EventuallyAbsentAsync(kv, id);
        Assert.Equal([FaultWindowStatus.CutShort, FaultWindowStatus.Skipped], plugin.Windows.Select(w => w.Status));
        Assert.Equal(5.0, plugin.Windows[0].EndSeconds);
        var verdict = Assert.Single(plugin.EvaluateThresholds(EmptyResult(runId)));
        Assert.False(verdict.Passed);
        Assert.Contains("broker restart at 60s: skipped", verdict.Actual, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_broker_restart_step_runs_its_command_and_its_window_is_the_time_the_command_took()
    {
        var marker = Path.Combine(Path.GetTempPath(), "loadsim-restart-" + Guid.NewGuid().ToString("N"));
        var runId = "fb-" + Guid.NewGuid().ToString("N")[..8];
        var settings = Settings() with { BrokerRestartCommand = $"sleep 0.3 && echo restarted > {marker}" };
        var plugin = new FaultTimelinePlugin(settings, "chaos", [FaultStepParser.Parse("broker restart at 200ms")]);
        try
        {
            await plugin.StartAsync(new RunStartInfo(runId, ["chaos"], DateTimeOffset.UtcNow, TimeProvider.System), Token);
            await plugin.OnPhaseAsync(new PhaseChange(runId, "chaos", 0, Phase, false, 0, DateTimeOffset.UtcNow), Token);
            await Eventually.UntilAsync(() => plugin.Windows[0].EndSeconds is not null, TimeSpan.FromSeconds(10), "the restart command returns");
            await plugin.StopAsync(EmptyResult(runId), Token);

            var window = Assert.Single(plugin.Windows);
            Assert.Equal("restarted", (await File.ReadAllTextAsync(marker, Token)).Trim());
            Assert.Equal(FaultWindowStatus.Done, window.Status);
            Assert.InRange(window.StartSeconds!.Value, 0.19, 2.0);
            Assert.InRange(window.EndSeconds!.Value - window.StartSeconds.Value, 0.3, 3);
            Assert.Contains("exit 0", window.Detail, StringComparison.Ordinal);
            Assert.Null(window.SwitchId);
        }
        finally
        {
            File.Delete(marker);
        }
    }

    [Fact]
    public async Task A_failing_broker_restart_command_fails_the_timeline_with_its_exit_code_and_output()
    {
        var runId = "fx-" + Guid.NewGuid().ToString("N")[..8];
        var plugin = new FaultTimelinePlugin(Settings() with { BrokerRestartCommand = "echo no broker here >&2; exit 7" }, "chaos", [FaultStepParser.Parse("broker restart at 0s")]);
        await plugin.StartAsync(new RunStartInfo(runId, ["chaos"], DateTimeOffset.UtcNow, TimeProvider.System), Token);
        await plugin.OnPhaseAsync(new PhaseChange(runId, "chaos", 0, Phase, false, 0, DateTimeOffset.UtcNow), Token);
        await Eventually.UntilAsync(() => plugin.Windows[0].EndSeconds is not null, TimeSpan.FromSeconds(10), "the restart command returns");
        await plugin.StopAsync(EmptyResult(runId), Token);

        var window = Assert.Single(plugin.Windows);
        Assert.Equal(FaultWindowStatus.Failed, window.Status);
        Assert.Contains("exit 7", window.Detail, StringComparison.Ordinal);
        Assert.Contains("no broker here", window.Detail, StringComparison.Ordinal);
        Assert.False(Assert.Single(plugin.EvaluateThresholds(EmptyResult(runId))).Passed);
    }

    [Fact]
    public async Task A_timeline_that_cannot_reach_its_broker_fails_its_threshold_and_the_load_still_runs()
    {
        var unreachable = FaultSettings.From(new Dictionary<string, string> { [SettingKeys.Nats] = $"nats://127.0.0.1:{NatsServer.FreePort()}" });
        var plugin = new FaultTimelinePlugin(unreachable, "chaos", [FaultStepParser.Parse("exception on order-summary at 0s for 1s")]);
        var scenario = Scenarios.Scenario.Empty("chaos").WithLoadSimulations(Simulation.Inject(5, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1)));

        var result = await FakeClock.RunAsync(Scheduling.LoadRunner.RegisterScenarios(scenario).WithPlugins(plugin), FakeClock.Create());

        Assert.Equal(5, result.Scenarios[0].Counts.Ok);
        Assert.Equal(FaultWindowStatus.Failed, Assert.Single(result.Faults).Status);
        var verdict = result.Thresholds.Single(t => t.Name.StartsWith("fault timeline", StringComparison.Ordinal));
        Assert.False(verdict.Passed);
        Assert.Contains("no connection to nats://127.0.0.1:", verdict.Actual, StringComparison.Ordinal);
        Assert.Equal(1, result.ExitCode);
    }

    private FaultSettings Settings() => FaultSettings.From(new Dictionary<string, string> { [SettingKeys.Nats] = Nats.Url });

    private static RunResult EmptyResult(string runId) => new() { RunId = runId, Scenarios = [] };

    private async Task AssertAbsentAsync(INatsKVStore kv, string key, string because)
    {
        var entry = await kv.TryGetEntryAsync<byte[]>(key, cancellationToken: Token);
        Assert.False(entry.Success, $"{key} is set: {because}");
    }

    private async Task AssertPresentAsync(INatsKVStore kv, string key)
    {
        var entry = await kv.TryGetEntryAsync<byte[]>(key, cancellationToken: Token);
        Assert.True(entry.Success, $"{key} is not set");
    }

    private async Task<FaultSwitch> EventuallyPresentAsync(INatsKVStore kv, string key)
    {
        var entry = await Eventually.UntilAsync(() => kv.TryGetEntryAsync<byte[]>(key, cancellationToken: Token).AsTask(), e => e.Success, TimeSpan.FromSeconds(10), $"{key} is set");
        return JsonSerializer.Deserialize(entry.Value.Value!, KitJson.Default.FaultSwitch)!;
    }

    private Task EventuallyAbsentAsync(INatsKVStore kv, string key) =>
        Eventually.UntilAsync(() => kv.TryGetEntryAsync<byte[]>(key, cancellationToken: Token).AsTask(), e => !e.Success, TimeSpan.FromSeconds(10), $"{key} is cleared");
}
