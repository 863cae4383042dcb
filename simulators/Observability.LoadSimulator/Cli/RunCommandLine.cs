using System.CommandLine;
using Observability.LoadSimulator.Scenarios;

namespace Observability.LoadSimulator.Cli;

/// <summary>The options of <c>loadsim run</c> and their parse into <see cref="RunArguments"/>.</summary>
internal sealed class RunCommandLine
{
    private readonly Argument<string[]> ScenarioNames = new("scenario")
    {
        Description = "Scenario name(s) from 'loadsim list', comma-separated or repeated; default: those in --config",
        Arity = ArgumentArity.ZeroOrMore,
        HelpName = "scenario",
    };

    private readonly Option<double?> Rate = new("--rate") { Description = "Open model: inject n iterations/s (split across scenarios by weight)", HelpName = "n" };
    private readonly Option<int?> Copies = new("--copies") { Description = "Closed model: keep n copies running", HelpName = "n" };
    private readonly Option<TimeSpan?> Duration = CliOptions.Duration("--duration", "Length of the load (default 30s), e.g. 500ms, 30s, 2m");
    private readonly Option<TimeSpan?> WarmUp = CliOptions.Duration("--warm-up", "Warm-up pass excluded from statistics");
    private readonly Option<int?> Seed = new("--seed") { Description = "Seed for Random and data feeds (default 42)", HelpName = "n" };
    private readonly Option<string?> Config = new("--config") { Description = "JSON config overriding code defaults (load simulations, thresholds, settings)", HelpName = "file.json" };
    private readonly Option<string[]> Set = CliOptions.Pairs("--set", "Scenario setting, repeatable (e.g. --set url=http://localhost:5000/)");
    private readonly Option<string[]> Fault = new("--fault")
    {
        Description = "Fault timeline step, repeatable; replaces the scenarios' timelines (e.g. \"exception 20% on order-summary at 20s for 30s\", \"broker restart at 90s\")",
        HelpName = "step",
    };

    private readonly Option<string?> ReportFolder = new("--report-folder") { Description = "Reports go to <dir>/<run-id>/ (default reports)", HelpName = "dir" };
    private readonly Option<string?> RunId = new("--run-id") { Description = "Default: UTC timestamp plus a short random suffix", HelpName = "id" };
    private readonly Option<int?> MaxConcurrency = new("--max-concurrency") { Description = "Open model: in-flight cap; iterations over it are dropped (default 10000)", HelpName = "n" };
    private readonly Option<TimeSpan?> Grace = CliOptions.Duration("--grace", "Time in-flight iterations get after the load ends (default 30s)");
    private readonly Option<TimeSpan?> Interval = CliOptions.Duration("--interval", "Time-series interval (default 1s)");
    private readonly Option<double?> MaxP99Ms = new("--max-p99-ms") { Description = "Threshold: latency p99 below n ms", HelpName = "n" };
    private readonly Option<double?> MaxFailPercent = new("--max-fail-percent") { Description = "Threshold: failures below n %", HelpName = "n" };
    private readonly Option<double?> AbortFailPercent = new("--abort-fail-percent") { Description = "Abort the run when failures exceed n % after warm-up", HelpName = "n" };
    private readonly Option<int?> MetricsPort = new("--metrics-port") { Description = "Serve /metrics on this port (default 8090, 0 disables)", HelpName = "n" };
    private readonly Option<TimeSpan?> MetricsLinger = CliOptions.Duration("--metrics-linger", "Keep /metrics up after the run so Prometheus scrapes the final values");
    private readonly Option<string?> GrafanaUrl = new("--grafana-url") { Description = "Post annotations (env GRAFANA_TOKEN, or GRAFANA_USER + GRAFANA_PASSWORD)", HelpName = "url" };
    private readonly Option<double?> MaxDrainSeconds = new("--max-drain-seconds") { Description = "Pipeline scenarios: threshold \"lag drained within n s\" (default 30)", HelpName = "n" };
    private readonly Option<bool> NoLive = new("--no-live") { Description = "No live table (default when output is redirected)" };

    public Command Create(ScenarioCatalog catalog)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        var command = new Command("run", "Runs scenario(s): code defaults, then --config, then these flags; writes reports; exit code by thresholds")
        {
            ScenarioNames, Rate, Copies, Duration, WarmUp, Seed, Config, Set, Fault, ReportFolder, RunId, MaxConcurrency, Grace, Interval,
            MaxP99Ms, MaxFailPercent, AbortFailPercent, MetricsPort, MetricsLinger, GrafanaUrl, MaxDrainSeconds, NoLive,
        };
        // Unknown options would otherwise be read as scenario names: a typo must never run the default load.
        ScenarioNames.Validators.Add(result =>
        {
            foreach (var token in result.Tokens.Where(t => t.Value.StartsWith('-')))
            {
                result.AddError($"Unrecognized option '{token.Value}' for 'run'. Run 'loadsim run --help'.");
            }
        });
        ScenarioNames.CompletionSources.Add(_ => catalog.Entries.Select(e => new System.CommandLine.Completions.CompletionItem(e.Name, detail: e.Description)));
        return command;
    }

    /// <summary>For tests and callers that hold a command line: <c>["run", "demo-sleep", "--rate", "5"]</c>.</summary>
    public static RunArguments Parse(IReadOnlyList<string> args)
    {
        var line = new RunCommandLine();
        var root = new RootCommand { line.Create(ScenarioCatalog.CreateDefault()) };
        return line.From(CliOptions.ParseOrThrow(root, args));
    }

    public RunArguments From(ParseResult parse) => new()
    {
        Scenarios = [.. (parse.GetValue(ScenarioNames) ?? []).SelectMany(p => p.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))],
        Rate = parse.GetValue(Rate),
        Copies = parse.GetValue(Copies),
        Duration = parse.GetValue(Duration),
        WarmUp = parse.GetValue(WarmUp),
        Seed = parse.GetValue(Seed),
        Config = parse.GetValue(Config),
        Settings = CliOptions.ToDictionary(parse.GetValue(Set)),
        Faults = parse.GetValue(Fault) ?? [],
        ReportFolder = parse.GetValue(ReportFolder),
        RunId = parse.GetValue(RunId),
        MaxConcurrency = parse.GetValue(MaxConcurrency),
        Grace = parse.GetValue(Grace),
        Interval = parse.GetValue(Interval),
        MaxP99Ms = parse.GetValue(MaxP99Ms),
        MaxFailPercent = parse.GetValue(MaxFailPercent),
        AbortFailPercent = parse.GetValue(AbortFailPercent),
        MetricsPort = parse.GetValue(MetricsPort),
        MetricsLinger = parse.GetValue(MetricsLinger),
        GrafanaUrl = parse.GetValue(GrafanaUrl),
        MaxDrainSeconds = parse.GetValue(MaxDrainSeconds),
        NoLive = parse.GetValue(NoLive),
    };
}
