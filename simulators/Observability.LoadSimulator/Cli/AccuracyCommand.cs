using System.CommandLine;
using System.Globalization;
using Observability.LoadSimulator.Scheduling;
using Spectre.Console;

namespace Observability.LoadSimulator.Cli;

/// <summary><c>loadsim accuracy</c>: a no-op scenario at a fixed rate on real time; prints generator_accuracy (achieved/target).</summary>
internal static class AccuracyCommand
{
    public static Command Create(IAnsiConsole console, Func<IAnsiConsole, Func<Task<int>>, Task<int>> guard)
    {
        var rate = new Option<double>("--rate") { Description = "Target iterations/s", DefaultValueFactory = _ => 10_000, HelpName = "n" };
        var duration = CliOptions.Duration("--duration", "Measured length (default 10s)");
        var cap = new Option<int>("--max-concurrency") { Description = "In-flight cap", DefaultValueFactory = _ => 1_000_000, HelpName = "n" };
        rate.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<double>() <= 0)
            {
                r.AddError("--rate must be positive.");
            }
        });
        var http = new Option<bool>("--http")
        {
            Description = "Instead: demo-http against a static nginx target it starts (or --url), after --warm-up, with hey side by side when installed; prints latency and CPU per request",
        };
        var warmUp = CliOptions.Duration("--warm-up", "With --http: warm-up before the measured pass (default 5s)");
        var url = new Option<Uri?>("--url") { Description = "With --http: an existing static target instead of starting nginx", HelpName = "url" };
        var connections = new Option<int>("--connections") { Description = "With --http: loadsim's connection pool size", DefaultValueFactory = _ => 64, HelpName = "n" };
        var command = new Command("accuracy", "Runs a no-op scenario on real time and prints generator_accuracy (achieved/target); with --http, the latency and CPU the generator adds")
        {
            rate, duration, cap, http, warmUp, url, connections,
        };
        command.SetAction((parse, cancellationToken) =>
        {
            var length = parse.GetValue(duration) ?? TimeSpan.FromSeconds(10);
            return guard(console, () => parse.GetValue(http)
                ? HttpAccuracyOutput.RunAsync(console, parse.GetValue(url), parse.GetValue(rate), parse.GetValue(warmUp) ?? TimeSpan.FromSeconds(5), length, parse.GetValue(connections), cancellationToken)
                : RunAsync(console, parse.GetValue(rate), length, parse.GetValue(cap), cancellationToken));
        });
        return command;
    }

    private static async Task<int> RunAsync(IAnsiConsole console, double rate, TimeSpan duration, int cap, CancellationToken cancellationToken)
    {
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
