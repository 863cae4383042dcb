using System.Globalization;
using System.Text;
using Observability.LoadSimulator.Statistics;
using static Observability.LoadSimulator.Reports.ReportFormat;

namespace Observability.LoadSimulator.Reports;

/// <summary>report.md: the summary as Markdown tables, for pull requests and wikis.</summary>
internal static class MarkdownReport
{
    public static string Build(RunResult result)
    {
        var md = new StringBuilder();
        md.Append(CultureInfo.InvariantCulture, $"# Load test {result.RunId}\n\n");
        md.Append(CultureInfo.InvariantCulture, $"- started: {result.StartedAt:u}\n- duration: {Rate(result.DurationSeconds)} s\n- seed: {result.Seed}\n- outcome: **{result.Outcome}** (exit code {result.ExitCode})\n");
        if (result.AbortReason is not null)
        {
            md.Append(CultureInfo.InvariantCulture, $"- aborted: {result.AbortReason}\n");
        }

        if (result.Faults.Count > 0)
        {
            md.Append("\n## Faults\n\nTimes from the run start; the shaded bands in `report.html`.\n\n| # | step | planned | window | status | redeliveries | dead letters | lag start -> end | detail |\n|---|---|---|---|---|---:|---:|---|---|\n");
            for (var i = 0; i < result.Faults.Count; i++)
            {
                var f = result.Faults[i];
                md.Append(CultureInfo.InvariantCulture, $"| {FaultBands.Label(i)} | {f.Step} | {FaultBands.Planned(f)} | {FaultBands.Window(f)} | {f.Status} | {FaultBands.Number(f.Redeliveries)} | {FaultBands.Number(f.DeadLetters)} | {FaultBands.Lag(f)} | {(f.Detail ?? string.Empty).Replace("|", "\\|", StringComparison.Ordinal)} |\n");
            }

            foreach (var recovery in FaultBands.Recovery(result))
            {
                md.Append(CultureInfo.InvariantCulture, $"\n**Recovery** ({recovery.Name}): {recovery.Actual} - {(recovery.Passed ? "pass" : "**FAIL**")}\n");
            }
        }

        foreach (var s in result.Scenarios)
        {
            var c = s.Counts;
            md.Append(CultureInfo.InvariantCulture, $"\n## {s.Name} ({s.Model} model)\n\n");
            md.Append(CultureInfo.InvariantCulture, $"Load: {string.Join(", ", s.LoadSimulations)}; warm-up {Rate(s.WarmUpSeconds)} s; measured {Rate(s.DurationSeconds)} s.\n\n");
            md.Append("| intended | started | ok | fail | dropped | timed out | fail % | rps | bytes |\n|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
            md.Append(CultureInfo.InvariantCulture, $"| {c.Intended} | {c.Started} | {c.Ok} | {c.Fail} | {c.Dropped} | {c.TimedOut} | {Percent(c.FailPercent)} | {Rate(s.Rps)} | {Bytes(s.BytesTransferred)} |\n\n");
            md.Append("| ms | min | mean | p50 | p75 | p95 | p99 | p99.9 | max | stddev |\n|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
            Latency(md, "latency (from intended start)", s.Latency);
            Latency(md, "service time", s.ServiceTime);
            foreach (var step in s.Steps)
            {
                Latency(md, $"step {step.Name} latency", step.Latency);
                Latency(md, $"step {step.Name} service", step.ServiceTime);
            }

            if (s.StatusCodes.Count > 0)
            {
                md.Append("\n| status | count |\n|---|---:|\n");
                foreach (var (code, count) in s.StatusCodes)
                {
                    md.Append(CultureInfo.InvariantCulture, $"| {code} | {count} |\n");
                }
            }
        }

        if (result.Thresholds.Count > 0)
        {
            md.Append("\n## Thresholds\n\n| scenario | threshold | actual | result |\n|---|---|---|---|\n");
            foreach (var t in result.Thresholds)
            {
                md.Append(CultureInfo.InvariantCulture, $"| {t.Scenario ?? "(run)"} | {t.Name} | {t.Actual} | {(t.Passed ? "pass" : "**FAIL**")} |\n");
            }
        }

        md.Append("\nPer-interval series: `stats.csv`; charts: `report.html`; everything: `report.json`.\n");
        return md.ToString();
    }

    private static void Latency(StringBuilder md, string name, LatencyStats l) =>
        md.Append(CultureInfo.InvariantCulture, $"| {name} | {Ms(l.MinMs)} | {Ms(l.MeanMs)} | {Ms(l.P50Ms)} | {Ms(l.P75Ms)} | {Ms(l.P95Ms)} | {Ms(l.P99Ms)} | {Ms(l.P999Ms)} | {Ms(l.MaxMs)} | {Ms(l.StdDevMs)} |\n");
}
