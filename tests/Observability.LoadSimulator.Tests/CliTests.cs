using Observability.LoadSimulator.Cli;
using Observability.LoadSimulator.Reports;
using Observability.LoadSimulator.Scenarios;
using Spectre.Console;

namespace Observability.LoadSimulator.Tests;

public sealed class CliTests() : TempFolderTest("loadsim-cli-")
{
    private readonly StringWriter _output = new();

    protected override void Dispose(bool disposing)
    {
        _output.Dispose();
        base.Dispose(disposing);
    }

    private Task<int> RunAsync(params string[] args)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.No,
            Interactive = InteractionSupport.No,
            Out = new AnsiConsoleOutput(_output),
        });
        return CliApp.RunAsync(args, ScenarioCatalog.CreateDefault(), console, CancellationToken.None);
    }

    [Fact]
    public async Task List_shows_the_demo_scenarios()
    {
        Assert.Equal(ExitCodes.Ok, await RunAsync("list"));
        Assert.Contains("demo-sleep", _output.ToString(), StringComparison.Ordinal);
        Assert.Contains("demo-http", _output.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("run")]
    [InlineData("run", "no-such-scenario")]
    [InlineData("run", "demo-sleep", "--rte", "5")]
    [InlineData("run", "demo-sleep", "--rate", "fast")]
    [InlineData("run", "demo-sleep", "--rate", "5", "--copies", "2")]
    [InlineData("run", "demo-sleep", "--config", "/no/such/file.json")]
    [InlineData("run", "demo-sleep", "--duration", "soon")]
    [InlineData("run", "demo-sleep", "--set", "no-equals-sign")]
    [InlineData("accuracy", "--rate", "0")]
    [InlineData("frobnicate")]
    public async Task Bad_usage_exits_with_code_3(params string[] args) =>
        Assert.Equal(ExitCodes.BadUsage, await RunAsync(args));

    [Theory]
    [InlineData]
    [InlineData("help")]
    [InlineData("run", "--help")]
    public async Task Help_lists_the_commands_and_the_run_options(params string[] args)
    {
        Assert.Equal(ExitCodes.Ok, await RunAsync(args));
        Assert.Contains(args.Length == 2 ? "--max-concurrency" : "accuracy", _output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_bad_duration_names_the_option_and_the_accepted_forms()
    {
        Assert.Equal(ExitCodes.BadUsage, await RunAsync("run", "demo-sleep", "--grace", "soon"));
        Assert.Contains("--grace: 'soon' is not a duration", _output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Mixing_open_and_closed_in_the_config_exits_with_code_3()
    {
        Directory.CreateDirectory(Folder);
        var config = Path.Combine(Folder, "mixed.json");
        await File.WriteAllTextAsync(config, """
            { "scenarios": [ { "name": "demo-sleep", "loadSimulations": [
                { "Inject": { "rate": 1, "during": "1s" } }, { "KeepConstant": { "copies": 1, "during": "1s" } } ] } ] }
            """);

        Assert.Equal(ExitCodes.BadUsage, await RunAsync("run", "--config", config, "--metrics-port", "0", "--no-live"));
        Assert.Contains("mixes open-model", _output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_combined_rate_is_split_across_scenarios_by_weight_and_flags_override_the_config()
    {
        var catalog = ScenarioCatalog.CreateDefault();
        var config = Config.ConfigLoader.Parse("""
            { "scenarios": [ { "name": "demo-sleep", "weight": 3, "warmUp": "9s" }, { "name": "demo-http", "weight": 1 } ] }
            """);
        var args = RunCommandLine.Parse(["run", "demo-sleep,demo-http", "--rate", "100", "--duration", "20s", "--warm-up", "2s"]);

        var scenarios = ScenarioSelection.Build(args, catalog, config);

        Assert.Equal([75.0, 25.0], scenarios.Select(s => s.LoadSimulations.Single().Rate));
        Assert.All(scenarios, s => Assert.Equal(TimeSpan.FromSeconds(20), s.LoadSimulations.Single().During));
        Assert.All(scenarios, s => Assert.Equal(TimeSpan.FromSeconds(2), s.WarmUp));
    }

    [Fact]
    public async Task A_short_real_run_writes_all_reports_and_exits_by_its_thresholds()
    {
        var exit = await RunAsync(
            "run", "demo-sleep", "--rate", "40", "--duration", "500ms", "--set", "serviceTimeMs=1", "--set", "jitterMs=0",
            "--report-folder", Folder, "--run-id", "cli-run", "--metrics-port", "0", "--no-live", "--max-fail-percent", "1");

        Assert.Equal(ExitCodes.Ok, exit);
        var report = JsonReport.Parse(await File.ReadAllTextAsync(Path.Combine(Folder, "cli-run", ReportWriter.Json)));
        Assert.Equal(20, report.Scenarios[0].Counts.Intended);
        Assert.True(report.Scenarios[0].Counts.AddsUp);
        Assert.Contains("cli-run", _output.ToString(), StringComparison.Ordinal);
    }
}
