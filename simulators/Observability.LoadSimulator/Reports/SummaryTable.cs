using Observability.LoadSimulator.Statistics;
using Spectre.Console;
using Spectre.Console.Rendering;
using static Observability.LoadSimulator.Reports.ReportFormat;

namespace Observability.LoadSimulator.Reports;

/// <summary>The end-of-run summary, printed to the console and saved as summary.txt.</summary>
internal static class SummaryTable
{
    public static IRenderable Build(RunResult result)
    {
        var rows = new List<IRenderable>
        {
            new Markup($"[bold]run[/] {Markup.Escape(result.RunId)}  [bold]seed[/] {result.Seed}  [bold]duration[/] {Rate(result.DurationSeconds)} s  [bold]outcome[/] {Outcome(result)}"),
        };
        if (result.AbortReason is not null)
        {
            rows.Add(new Markup($"[red]aborted:[/] {Markup.Escape(result.AbortReason)}"));
        }

        var counts = ConsoleTable.Numbers("scenario / step", "intended", "ok", "fail", "dropped", "timed out", "rps", "bytes");
        var latency = ConsoleTable.Numbers("scenario / step", "ms", "min", "mean", "p50", "p75", "p95", "p99", "p99.9", "max");
        foreach (var scenario in result.Scenarios)
        {
            var c = scenario.Counts;
            var name = Markup.Escape(scenario.Name);
            counts.AddRow(name, Count(c.Intended), Count(c.Ok), Count(c.Fail), Count(c.Dropped), Count(c.TimedOut), ConsoleTable.Short(scenario.Rps), Bytes(scenario.BytesTransferred));
            AddLatency(latency, name, "lat", scenario.Latency);
            AddLatency(latency, string.Empty, "svc", scenario.ServiceTime);
            foreach (var step in scenario.Steps)
            {
                var stepName = "  " + Markup.Escape(step.Name);
                counts.AddRow(stepName, string.Empty, Count(step.Ok), Count(step.Fail), string.Empty, string.Empty, string.Empty, Bytes(step.BytesTransferred));
                AddLatency(latency, stepName, "lat", step.Latency);
                AddLatency(latency, string.Empty, "svc", step.ServiceTime);
            }
        }

        rows.Add(counts);
        foreach (var scenario in result.Scenarios.Where(s => s.WarmUpCounts.Started > 0))
        {
            rows.Add(new Markup($"[grey]{Markup.Escape(scenario.Name)}: {scenario.WarmUpCounts.Started} warm-up iterations excluded[/]"));
        }


        rows.Add(latency);
        rows.Add(new Markup("[grey]latency (lat) is from the intended start, service time (svc) from the actual start; times in ms[/]"));
        if (result.Faults.Count > 0)
        {
            // The steps go on their own lines: as a column they would wrap in a 120-character summary.txt.
            var faults = new Table().Border(TableBorder.Rounded).Title("faults (s from run start)")
                .AddColumns("#", "kind", "window", "status", "redeliveries", "dead letters", "lag start -> end");
            for (var i = 0; i < result.Faults.Count; i++)
            {
                var f = result.Faults[i];
                faults.AddRow(FaultBands.Label(i), Markup.Escape(f.Kind), Markup.Escape(FaultBands.Window(f)),
                    f.Status is Faults.FaultWindowStatus.Failed or Faults.FaultWindowStatus.Skipped ? $"[red]{Markup.Escape(f.Status)}[/]" : Markup.Escape(f.Status),
                    FaultBands.Number(f.Redeliveries), FaultBands.Number(f.DeadLetters), Markup.Escape(FaultBands.Lag(f)));
            }

            rows.Add(faults);
            for (var i = 0; i < result.Faults.Count; i++)
            {
                var f = result.Faults[i];
                rows.Add(new Markup($"[grey]{FaultBands.Label(i)}: {Markup.Escape(f.Step)}{(f.Detail is null ? string.Empty : " - " + Markup.Escape(f.Detail))}[/]"));
            }

            foreach (var recovery in FaultBands.Recovery(result))
            {
                rows.Add(new Markup($"[bold]recovery[/] {Markup.Escape(recovery.Actual)} {(recovery.Passed ? "[green]pass[/]" : "[red]FAIL[/]")}"));
            }
        }

        if (result.Thresholds.Count > 0)
        {
            var thresholds = new Table().Border(TableBorder.Rounded).AddColumns("scenario", "threshold", "actual", "result");
            foreach (var t in result.Thresholds)
            {
                thresholds.AddRow(Markup.Escape(t.Scenario ?? "(run)"), Markup.Escape(t.Name), Markup.Escape(t.Actual), t.Passed ? "[green]pass[/]" : "[red]FAIL[/]");
            }

            rows.Add(thresholds);
        }

        return new Rows(rows);
    }

    /// <summary>Plain text for summary.txt (no colour codes).</summary>
    public static string ToText(RunResult result)
    {
        using var writer = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
            Out = new AnsiConsoleOutput(writer),
        });
        console.Profile.Width = 120;
        console.Write(Build(result));
        return writer.ToString();
    }

    private static void AddLatency(Table table, string name, string kind, LatencyStats l) =>
        table.AddRow(name, kind, Short(l.MinMs), Short(l.MeanMs), Short(l.P50Ms), Short(l.P75Ms), Short(l.P95Ms), Short(l.P99Ms), Short(l.P999Ms), Short(l.MaxMs));

    /// <summary>Three significant digits: the console tables must fit 80 columns; report.md and report.json keep the rest.</summary>
    private static string Short(double ms) => ConsoleTable.Short(ms);

    private static string Outcome(RunResult result) => result.Outcome switch
    {
        RunOutcome.Passed => "[green]passed[/]",
        RunOutcome.ThresholdsFailed => "[red]thresholds failed[/]",
        _ => "[red]aborted[/]",
    };
}
