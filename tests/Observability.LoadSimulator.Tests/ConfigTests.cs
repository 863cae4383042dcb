using Observability.LoadSimulator.Config;
using Observability.LoadSimulator.Scenarios;
using Observability.LoadSimulator.Scheduling;
using Observability.LoadSimulator.Simulations;

namespace Observability.LoadSimulator.Tests;

public sealed class ConfigTests
{
    private const string Json = """
        {
          // comments are allowed
          "runId": "from-config",
          "seed": 7,
          "maxConcurrency": 500,
          "gracePeriod": "5s",
          "reportingInterval": "00:00:02",
          "scenarios": [
            {
              "name": "demo-sleep",
              "warmUp": "3s",
              "weight": 3,
              "loadSimulations": [
                { "RampingInject": { "rate": 100, "interval": "1s", "during": "10s" } },
                { "Inject": { "rate": 1, "interval": "2s", "during": "1m" } },
                { "pause": { "during": 5 } }
              ],
              "thresholds": { "maxLatencyP99Ms": 250, "maxFailPercent": 0.5, "abortWhenFailPercentAbove": 20 },
              "settings": { "serviceTimeMs": "5", "url": "http://target:8080/" }
            }
          ]
        }
        """;

    [Fact]
    public void Config_json_overrides_code_defaults_and_leaves_the_rest()
    {
        var config = ConfigLoader.Parse(Json);
        var code = Scenario.Empty("demo-sleep")
            .WithSettings(new Dictionary<string, string> { ["serviceTimeMs"] = "20", ["jitterMs"] = "1" })
            .WithLoadSimulations(Simulation.KeepConstant(1, TimeSpan.FromSeconds(1)));

        var scenario = ConfigApplier.Apply(code, config.For("demo-sleep"));
        var options = ConfigApplier.Apply(RunOptions.Default, config);

        Assert.Equal(TimeSpan.FromSeconds(3), scenario.WarmUp);
        Assert.Equal(3, scenario.Weight);
        Assert.Equal(
            [
                Simulation.RampingInject(100, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(10)),
                Simulation.Inject(1, TimeSpan.FromSeconds(2), TimeSpan.FromMinutes(1)),
                Simulation.Pause(TimeSpan.FromSeconds(5)),
            ],
            scenario.LoadSimulations);
        Assert.Equal(250, scenario.Thresholds.MaxLatencyP99Ms);
        Assert.Equal(20, scenario.Thresholds.AbortWhenFailPercentAbove);
        Assert.Equal("5", scenario.Settings["serviceTimeMs"]);
        Assert.Equal("1", scenario.Settings["jitterMs"]);
        Assert.Equal("http://target:8080/", scenario.Settings["url"]);
        Assert.Equal(options with { }, RunOptions.Default with
        {
            RunId = "from-config",
            Seed = 7,
            MaxConcurrency = 500,
            GracePeriod = TimeSpan.FromSeconds(5),
            ReportingInterval = TimeSpan.FromSeconds(2),
        });
    }

    [Fact]
    public void A_scenario_missing_from_the_config_keeps_its_code_defaults()
    {
        var code = Scenario.Empty("other").WithWarmUpDuration(TimeSpan.FromSeconds(1));

        Assert.Same(code, ConfigApplier.Apply(code, ConfigLoader.Parse(Json).For("other")));
    }

    [Theory]
    [InlineData("{ \"scenarios\": [ { \"name\": \"x\", \"loadSimulations\": [ { \"Inject\": { \"rate\": 1 } } ] } ] }", "during is required")]
    [InlineData("{ \"scenarios\": [ { \"name\": \"x\", \"loadSimulations\": [ { \"Sprint\": { } } ] } ] }", "unknown load simulation 'Sprint'")]
    [InlineData("{ \"gracePeriod\": \"soon\" }", "'soon' is not a duration")]
    [InlineData("{ not json", "not valid JSON")]
    [InlineData("{ \"scenarios\": [ { \"name\": \"x\", \"thresholds\": { \"maxFailPercent\": \"lots\" } } ] }", "$.scenarios[0].thresholds")]
    [InlineData("{ \"scenarios\": [ { \"name\": \"x\", \"thresholds\": { \"maxP99\": 5 } } ] }", "maxP99")]
    [InlineData("{ \"seed\": \"many\" }", "$.seed must be a number, got 'many'")]
    public void Bad_config_is_rejected_with_a_message_that_names_the_problem(string json, string expected)
    {
        var error = Assert.Throws<InvalidLoadSimulationException>(() => ConfigLoader.Parse(json));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("500ms", 0.5)]
    [InlineData("30s", 30)]
    [InlineData("2m", 120)]
    [InlineData("1h", 3600)]
    [InlineData("00:00:30", 30)]
    [InlineData("1.5", 1.5)]
    public void Durations_read_with_units_or_as_timespans(string text, double seconds) =>
        Assert.Equal(TimeSpan.FromSeconds(seconds), DurationParser.Parse(text));
}
