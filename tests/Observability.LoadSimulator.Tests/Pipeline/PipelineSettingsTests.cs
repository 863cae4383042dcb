using Observability.LoadSimulator.Pipeline;
using Observability.LoadSimulator.Scenarios;
using Observability.LoadSimulator.Simulations;

namespace Observability.LoadSimulator.Tests.Pipeline;

public sealed class PipelineSettingsTests
{
    [Fact]
    public void Settings_override_the_targets_and_knee_parameters()
    {
        var s = PipelineSettings.From(new Dictionary<string, string>
        {
            ["api"] = "http://api:8080",
            ["nats"] = "nats://nats:4222",
            ["processors"] = "http://processors:8080, http://p2:8080/metrics",
            ["replicas"] = "3",
            ["kneeStart"] = "100",
            ["kneeStepSeconds"] = "4",
        });

        Assert.Equal(new Uri("http://api:8080"), s.ApiUrl);
        Assert.Equal("nats://nats:4222", s.NatsUrl);
        Assert.Equal([new Uri("http://processors:8080/metrics"), new Uri("http://p2:8080/metrics")], s.ProcessorsMetricsUrls);
        Assert.Equal(3, s.ConfiguredReplicas);
        Assert.Equal(100, s.KneeStartRate);
        Assert.Equal(TimeSpan.FromSeconds(4), s.KneeStep);
    }

    [Fact]
    public void Find_knee_steps_the_rate_up_geometrically()
    {
        var setup = PipelineScenarios.FindKnee(new Dictionary<string, string> { ["kneeStart"] = "100", ["kneeFactor"] = "2", ["kneeSteps"] = "4", ["kneeStepSeconds"] = "3" });

        Assert.Equal([100d, 200, 400, 800], setup.Scenario.LoadSimulations.Select(l => l.Rate));
        Assert.All(setup.Scenario.LoadSimulations, l => Assert.Equal(TimeSpan.FromSeconds(3), l.During));
        Assert.Single(setup.Plugins);
    }

    [Fact]
    public void A_bad_setting_is_a_configuration_error()
    {
        Assert.Throws<InvalidLoadSimulationException>(() => PipelineSettings.From(new Dictionary<string, string> { ["sampleEvery"] = "often" }));
    }

    [Fact]
    public void Every_pipeline_scenario_is_in_the_default_catalog_with_its_plugin()
    {
        var catalog = ScenarioCatalog.CreateDefault();
        foreach (var name in new[] { "orders-http", "orders-publish", "clickstream-firehose", "flash-sale", "spike", "soak", "find-knee" })
        {
            Assert.True(catalog.TryGet(name, out var entry), name);
            Assert.IsType<PipelinePlugin>(Assert.Single(entry.Setup(new Dictionary<string, string>()).Plugins));
        }
    }

    [Fact]
    public void Order_ids_carry_the_run_id_and_reject_run_ids_that_are_not_subject_tokens()
    {
        Assert.Equal("lt-20261127-120000-ab12-p7", PipelineScenarios.OrderId("20261127-120000-ab12", "p", 7));
        Assert.Throws<InvalidLoadSimulationException>(() => PipelineScenarios.OrderId("night.ly", "p", 7));
    }

    [Fact]
    public void The_replica_probe_reads_the_process_start_time()
    {
        const string metrics = "# TYPE process_start_time_seconds gauge\nprocess_start_time_seconds 1764245000.12\nprocess_cpu_seconds_total 3\n";

        Assert.Equal("1764245000.12", ReplicaCounter.StartTime(metrics));
    }

    [Fact]
    public void The_cli_adds_each_pipeline_scenarios_plugin_and_passes_max_drain_seconds_and_load_flags()
    {
        var args = Cli.RunCommandLine.Parse(["run", "orders-publish,find-knee", "--copies", "8", "--max-drain-seconds", "5", "--set", "kneeSteps=2"]);
        var plugins = new List<Plugins.IRunPlugin>();

        var scenarios = Cli.ScenarioSelection.Build(args, ScenarioCatalog.CreateDefault(), Config.LoadSimConfig.Empty, plugins);

        Assert.Equal(2, plugins.OfType<PipelinePlugin>().Count());
        Assert.All(scenarios, s => Assert.Equal("5", s.Settings[SettingKeys.MaxDrainSeconds]));
        Assert.All(scenarios, s => Assert.Equal(8, s.LoadSimulations.Single().Copies));
    }
}
