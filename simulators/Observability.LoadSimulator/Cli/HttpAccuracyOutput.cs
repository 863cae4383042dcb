using System.Globalization;
using Observability.LoadSimulator.Accuracy;
using Spectre.Console;

namespace Observability.LoadSimulator.Cli;

/// <summary><c>loadsim accuracy --http</c>: loadsim and hey side by side, then what loadsim adds (p99 and CPU per request).</summary>
internal static class HttpAccuracyOutput
{
    public static async Task<int> RunAsync(IAnsiConsole console, Uri? url, double rate, TimeSpan warmUp, TimeSpan duration, int connections, CancellationToken cancellationToken)
    {
        await using var target = url is null ? await StaticTarget.StartAsync(cancellationToken) : null;
        var at = url ?? target!.Url;
        console.MarkupLine(Markup.Escape(Invariant($"demo-http at {rate}/s on {at}: {warmUp.TotalSeconds} s warm-up, {duration.TotalSeconds} s measured; then hey{(HeyRun.Find() is null ? " (not installed: skipped)" : string.Empty)}")));
        var figures = await HttpAccuracy.MeasureAsync(at, rate, warmUp, duration, connections, cancellationToken);
        // Per request served: the achieved rate over warm-up and measured pass (hey may fall short of the rate).
        double PerRequestUs(HttpFigures f) => f.CpuSeconds / Math.Max(1, f.AchievedRate * (warmUp + duration).TotalSeconds) * 1e6;
        var table = new Table().Border(TableBorder.Rounded).AddColumns("generator", "achieved/s", "p50 ms", "p95 ms", "p99 ms", "CPU s", "CPU µs/req");
        foreach (var f in figures)
        {
            table.AddRow(f.Generator, F(f.AchievedRate, "0"), F(f.P50Ms), F(f.P95Ms), F(f.P99Ms), F(f.CpuSeconds), F(PerRequestUs(f), "0"));
        }

        console.Write(table);
        var loadsim = figures[0];
        var line = Invariant($"http_accuracy rate={rate} loadsim_p99_ms={loadsim.P99Ms:0.##} loadsim_cpu_us_per_req={PerRequestUs(loadsim):0}");
        if (figures.Count > 1)
        {
            var hey = figures[1];
            line += Invariant($" hey_p99_ms={hey.P99Ms:0.##} hey_cpu_us_per_req={PerRequestUs(hey):0} added_p99_ms={loadsim.P99Ms - hey.P99Ms:0.##} cpu_ratio={PerRequestUs(loadsim) / PerRequestUs(hey):0.##}");
        }

        console.WriteLine(line);
        return ExitCodes.Ok;
    }

    private static string F(double value, string format = "0.##") => value.ToString(format, CultureInfo.InvariantCulture);

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
