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

        var table = new Table().Border(TableBorder.Rounded)
            .AddColumns("scenario", "step", "intended", "ok", "fail", "dropped", "timed out", "rps", "lat p50", "lat p99", "lat max", "svc p50", "svc p99", "bytes");
        foreach (var scenario in result.Scenarios)
        {
            var c = scenario.Counts;
            table.AddRow(
                Markup.Escape(scenario.Name), "(all)", Count(c.Intended), Count(c.Ok), Count(c.Fail), Count(c.Dropped), Count(c.TimedOut),
                Rate(scenario.Rps), Ms(scenario.Latency.P50Ms), Ms(scenario.Latency.P99Ms), Ms(scenario.Latency.MaxMs),
                Ms(scenario.ServiceTime.P50Ms), Ms(scenario.ServiceTime.P99Ms), Bytes(scenario.BytesTransferred));
            foreach (var step in scenario.Steps)
            {
                table.AddRow(
                    string.Empty, Markup.Escape(step.Name), string.Empty, Count(step.Ok), Count(step.Fail), string.Empty, string.Empty, string.Empty,
                    Ms(step.Latency.P50Ms), Ms(step.Latency.P99Ms), Ms(step.Latency.MaxMs), Ms(step.ServiceTime.P50Ms), Ms(step.ServiceTime.P99Ms), Bytes(step.BytesTransferred));
            }
        }

        rows.Add(table);
        rows.Add(new Markup("[grey]latency (lat) is from the intended start, service time (svc) from the actual start; times in ms[/]"));
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
        console.Profile.Width = 200;
        console.Write(Build(result));
        return writer.ToString();
    }

    private static string Outcome(RunResult result) => result.Outcome switch
    {
        RunOutcome.Passed => "[green]passed[/]",
        RunOutcome.ThresholdsFailed => "[red]thresholds failed[/]",
        _ => "[red]aborted[/]",
    };
}
