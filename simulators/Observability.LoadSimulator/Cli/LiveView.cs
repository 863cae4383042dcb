using System.Globalization;
using Observability.LoadSimulator.Scheduling;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace Observability.LoadSimulator.Cli;

/// <summary>The live console table: target vs achieved rate, latency, outcomes, in flight, plus rows from plugins.</summary>
internal static class LiveView
{
    public static async Task RunAsync(IAnsiConsole console, LoadRunner runner, Task run, TimeProvider time, CancellationToken cancellationToken)
    {
        var started = time.GetTimestamp();
        await console.Live(Build(runner, TimeSpan.Zero)).AutoClear(false).StartAsync(async live =>
        {
            while (!run.IsCompleted)
            {
                live.UpdateTarget(Build(runner, time.GetElapsedTime(started)));
                live.Refresh();
                try
                {
                    await Task.WhenAny(run, Task.Delay(TimeSpan.FromMilliseconds(500), time, cancellationToken));
                }
                catch (OperationCanceledException)
                {
                    // Ctrl+C: keep drawing while the run drains.
                }
            }

            live.UpdateTarget(Build(runner, time.GetElapsedTime(started)));
        });
    }

    public static IRenderable Build(LoadRunner runner, TimeSpan elapsed)
    {
        var table = Reports.ConsoleTable.Numbers("scenario", "phase", "target/s", "achieved/s", "p50 ms", "p99 ms", "ok", "fail", "dropped", "in flight", "copies")
            .Title($"loadsim {Markup.Escape(runner.RunId ?? string.Empty)}  {elapsed.TotalSeconds:0}s");
        foreach (var p in runner.GetProgress())
        {
            table.AddRow(
                Markup.Escape(p.Name),
                p.IsFinished ? "[grey]done[/]" : p.IsWarmingUp ? "[yellow]warm-up[/]" : "[green]measuring[/]",
                F(p.TargetRate),
                F(p.AchievedRate),
                F(p.LatencyP50Ms),
                F(p.LatencyP99Ms),
                p.Counts.Ok.ToString(CultureInfo.InvariantCulture),
                p.Counts.Fail + p.Counts.TimedOut > 0 ? $"[red]{p.Counts.Fail + p.Counts.TimedOut}[/]" : "0",
                p.Counts.Dropped > 0 ? $"[red]{p.Counts.Dropped}[/]" : "0",
                p.InFlight.ToString(CultureInfo.InvariantCulture),
                p.Copies.ToString(CultureInfo.InvariantCulture));
        }

        var extra = runner.GetPluginRows();
        if (extra.Count == 0)
        {
            return table;
        }

        var plugins = new Table().Border(TableBorder.Simple).AddColumns("plugin", "value");
        foreach (var (label, value) in extra)
        {
            plugins.AddRow(Markup.Escape(label), Markup.Escape(value));
        }

        return new Rows(table, plugins);
    }

    private static string F(double value) => Reports.ConsoleTable.Short(value);
}
