using System.Globalization;
using Observability.LoadSimulator.Scenarios;
using Observability.LoadSimulator.Scheduling;
using Observability.LoadSimulator.Simulations;
using Spectre.Console;

namespace Observability.LoadSimulator.Cli;

/// <summary>Entry point of the <c>loadsim</c> command line: list, run, accuracy, help.</summary>
public static class CliApp
{
    private static readonly HashSet<string> Flags = new(StringComparer.Ordinal) { "no-live", "help" };

    public static async Task<int> RunAsync(string[] args, ScenarioCatalog catalog, IAnsiConsole console, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(console);
        try
        {
            var parsed = CliArguments.Parse(args, Flags);
            switch (parsed.Command)
            {
                case "list":
                    parsed.RejectUnknown();
                    List(catalog, console);
                    return ExitCodes.Ok;
                case "run":
                    return await RunCommand.ExecuteAsync(parsed, catalog, console, cancellationToken);
                case "accuracy":
                    return await AccuracyAsync(parsed, console, cancellationToken);
                case "help" or "--help" or "-h":
                    console.WriteLine(Usage);
                    return ExitCodes.Ok;
                default:
                    console.MarkupLine($"[red]Unknown command '{Markup.Escape(parsed.Command)}'.[/]");
                    console.WriteLine(Usage);
                    return ExitCodes.BadUsage;
            }
        }
        catch (InvalidLoadSimulationException ex)
        {
            console.MarkupLine($"[red]error:[/] {Markup.Escape(ex.Message)}");
            return ExitCodes.BadUsage;
        }
    }

    public const string Usage = """
        loadsim - load simulator (open and closed model, coordinated-omission-free latency)

        loadsim list
            Lists the scenarios in the catalog.
        loadsim run <scenario>[,<scenario>...] [options]
            --rate <n>              Open model: Inject n iterations/s (split across scenarios by weight)
            --copies <n>            Closed model: KeepConstant n copies
            --duration <d>          Length of the load (default 30s), e.g. 500ms, 30s, 2m
            --warm-up <d>           Warm-up pass excluded from statistics
            --seed <n>              Seed for Random and data feeds (default 42)
            --config <file.json>    Config overriding code defaults (load simulations, thresholds, settings)
            --set <key=value>       Scenario setting, repeatable (e.g. --set url=http://localhost:5000/)
            --fault "<step>"        Fault timeline step, repeatable; replaces the scenarios' timelines
                                    (e.g. --fault "exception 20% on order-summary at 20s for 30s", --fault "broker restart at 90s")
            --report-folder <dir>   Reports go to <dir>/<run-id>/ (default reports)
            --run-id <id>           Default: UTC timestamp plus a short random suffix
            --max-concurrency <n>   Open model: in-flight cap; iterations over it are dropped (default 10000)
            --grace <d>             Time in-flight iterations get after the load ends (default 30s)
            --interval <d>          Time-series interval (default 1s)
            --max-p99-ms <n>        Threshold: latency p99 below n ms
            --max-fail-percent <n>  Threshold: failures below n %
            --abort-fail-percent <n> Abort the run when failures exceed n % after warm-up
            --metrics-port <n>      Serve /metrics on this port (default 8090, 0 disables)
            --metrics-linger <d>    Keep /metrics up after the run so Prometheus scrapes the final values
            --grafana-url <url>     Post annotations (env GRAFANA_TOKEN, or GRAFANA_USER + GRAFANA_PASSWORD)
            --max-drain-seconds <n> Pipeline scenarios: threshold "lag drained within n s" (default 30)
            --no-live               No live table (default when output is redirected)
        loadsim accuracy [--rate 10000] [--duration 10s] [--max-concurrency 1000000]
            Runs a no-op scenario on real time and prints generator_accuracy (achieved/target).

        Exit codes: 0 ok, 1 thresholds failed, 2 aborted, 3 bad config or usage.
        """;

    private static void List(ScenarioCatalog catalog, IAnsiConsole console)
    {
        var table = new Table().Border(TableBorder.Rounded).AddColumns("scenario", "description");
        foreach (var entry in catalog.Entries)
        {
            table.AddRow(Markup.Escape(entry.Name), Markup.Escape(entry.Description));
        }

        console.Write(table);
    }

    private static async Task<int> AccuracyAsync(CliArguments args, IAnsiConsole console, CancellationToken cancellationToken)
    {
        var rate = args.Double("rate") ?? 10_000;
        var duration = args.Duration("duration") ?? TimeSpan.FromSeconds(10);
        var cap = args.Int("max-concurrency") ?? 1_000_000;
        args.RejectUnknown();
        if (rate <= 0)
        {
            throw new InvalidLoadSimulationException("--rate must be positive.");
        }

        console.MarkupLine($"Injecting a no-op scenario at {rate.ToString(CultureInfo.InvariantCulture)}/s for {duration.TotalSeconds.ToString(CultureInfo.InvariantCulture)} s on real time...");
        var result = await GeneratorAccuracy.MeasureAsync(rate, duration, cap, cancellationToken);
        var table = new Table().Border(TableBorder.Rounded).AddColumns("target/s", "intended", "started", "dropped", "achieved/s", "generator_accuracy", "worst 1 s", "start lag p50 ms", "p99 ms", "max ms");
        table.AddRow(
            F(result.TargetRate), result.Intended.ToString(CultureInfo.InvariantCulture), result.Started.ToString(CultureInfo.InvariantCulture),
            result.Dropped.ToString(CultureInfo.InvariantCulture), F(result.AchievedRate), result.Accuracy.ToString("0.0000", CultureInfo.InvariantCulture),
            result.WorstIntervalAccuracy.ToString("0.0000", CultureInfo.InvariantCulture), F(result.StartLagP50Ms), F(result.StartLagP99Ms), F(result.StartLagMaxMs));
        console.Write(table);
        console.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"generator_accuracy {result.Accuracy:0.0000}\ntarget={result.TargetRate} achieved={result.AchievedRate:0.#} worst_1s={result.WorstIntervalAccuracy:0.0000} dropped={result.Dropped}\nstart_lag_ms p50={result.StartLagP50Ms:0.###} p99={result.StartLagP99Ms:0.###} max={result.StartLagMaxMs:0.###}"));
        return Math.Abs(result.Accuracy - 1) <= 0.01 ? ExitCodes.Ok : ExitCodes.ThresholdsFailed;
    }

    private static string F(double value) => value.ToString("0.##", CultureInfo.InvariantCulture);
}
