using Observability.Contracts.Faults;
using Observability.LoadSimulator.Cli;
using Observability.LoadSimulator.Config;
using Observability.LoadSimulator.Faults;
using Observability.LoadSimulator.Pipeline;
using Observability.LoadSimulator.Scenarios;
using Observability.LoadSimulator.Simulations;
using Spectre.Console;

namespace Observability.LoadSimulator.Tests.Faults;

public sealed class FaultConfigTests
{
    [Fact]
    public void A_scenario_config_takes_faults_as_sentences_or_objects_in_start_order()
    {
        var config = ConfigLoader.Parse("""
            { "scenarios": [ { "name": "redelivery-chaos", "faults": [
                "broker restart at 90s",
                { "kind": "exception", "percent": 20, "consumer": "order-summary", "at": "20s", "for": "30s" },
                { "kind": "slow", "delay": "35s", "amount": 2, "consumer": "order-summary", "at": 55, "for": "10s" },
                { "kind": "crash", "crashPoint": "after-write", "at": "60s" }
            ] } ] }
            """);

        var faults = config.For("redelivery-chaos")!.Faults!;

        Assert.Equal(["exception", "slow", "crash", "broker-restart"], faults.Select(f => f.Kind));
        Assert.Equal(FaultStepParser.Parse("exception 20% on order-summary at 20s for 30s"), faults[0]);
        Assert.Equal(FaultStepParser.Parse("slow 35s x2 on order-summary at 55s for 10s"), faults[1]);
        Assert.Equal(FaultStepParser.Parse("crash after-write on all at 60s"), faults[2]);
        Assert.Equal(CrashPoints.AfterWrite, faults[2].CrashPoint);
    }

    [Theory]
    [InlineData("""[ "exception at 20s" ]""", "$.scenarios[0].faults[0]: fault step 'exception at 20s': 'for <duration>' is required")]
    [InlineData("""[ { "at": "20s", "for": "1s" } ]""", "$.scenarios[0].faults[0].kind is required")]
    [InlineData("""[ "stall 1s at 1s", { "kind": "exception", "for": "1s" } ]""", "$.scenarios[0].faults[1].at is required")]
    [InlineData("""[ { "kind": "exception", "at": "1s", "for": "1s", "probability": 2 } ]""", "$.scenarios[0].faults[0] 'exception 200% on all at 1s for 1s': the probability must be more than 0 % and at most 100 %")]
    [InlineData("""{ "kind": "exception" }""", "$.scenarios[0].faults must be a JSON array")]
    public void A_bad_fault_in_the_config_names_its_path_and_the_problem(string faults, string expected)
    {
        var error = Assert.Throws<InvalidLoadSimulationException>(() => ConfigLoader.Parse($$"""{ "scenarios": [ { "name": "demo-sleep", "faults": {{faults}} } ] }"""));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_fault_timeline_runs_before_the_scenario_plugins_and_the_recovery_checks_after_them()
    {
        var args = RunCommandLine.Parse(["run", RedeliveryChaos.Name]);
        var plugins = new List<Observability.LoadSimulator.Plugins.IRunPlugin>();

        ScenarioSelection.Build(args, ScenarioCatalog.CreateDefault(), LoadSimConfig.Empty, plugins);

        Assert.Collection(
            plugins,
            p => Assert.Equal(6, Assert.IsType<FaultTimelinePlugin>(p).Steps.Count),
            p => Assert.IsType<PipelinePlugin>(p),
            p => Assert.IsType<RecoveryCheckPlugin>(p));
    }

    [Fact]
    public void Fault_flags_replace_the_scenario_timeline_and_settings_configure_it()
    {
        var args = RunCommandLine.Parse(
            ["run", RedeliveryChaos.Name, "--fault", "broker restart at 5s", "--fault", "stall 2s on order-summary at 1s",
             "--set", "brokerRestartCommand=docker compose kill nats && docker compose start nats", "--set", "maxRecoverySeconds=12"]);
        var plugins = new List<Observability.LoadSimulator.Plugins.IRunPlugin>();

        ScenarioSelection.Build(args, ScenarioCatalog.CreateDefault(), LoadSimConfig.Empty, plugins);

        var timeline = plugins.OfType<FaultTimelinePlugin>().Single();
        Assert.Equal(["stall 2s on order-summary at 1s for 2s", "broker restart at 5s"], timeline.Steps.Select(s => s.ToString()));
        Assert.Equal("docker compose kill nats && docker compose start nats", timeline.Settings.BrokerRestartCommand);
        Assert.Equal(12, timeline.Settings.MaxRecoverySeconds);
    }

    [Fact]
    public void A_scenario_without_faults_gets_no_fault_plugins()
    {
        var args = RunCommandLine.Parse(["run", "orders-http"]);
        var plugins = new List<Observability.LoadSimulator.Plugins.IRunPlugin>();

        ScenarioSelection.Build(args, ScenarioCatalog.CreateDefault(), LoadSimConfig.Empty, plugins);

        Assert.DoesNotContain(plugins, p => p is FaultTimelinePlugin or RecoveryCheckPlugin);
    }

    [Theory]
    [InlineData("explode at 1s for 1s")]
    [InlineData("exception 20% at 1s")]
    public async Task A_bad_fault_flag_exits_with_code_3_and_says_why(string fault)
    {
        using var output = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Ansi = AnsiSupport.No, Interactive = InteractionSupport.No, Out = new AnsiConsoleOutput(output) });
        console.Profile.Width = 1000;

        var code = await CliApp.RunAsync(["run", "demo-sleep", "--fault", fault], ScenarioCatalog.CreateDefault(), console, CancellationToken.None);

        Assert.Equal(ExitCodes.BadUsage, code);
        Assert.Contains($"fault step '{fault}'", output.ToString(), StringComparison.Ordinal);
    }
}
