using System.Globalization;
using System.Net;
using System.Text;
using Observability.LoadSimulator.Statistics;
using static Observability.LoadSimulator.Reports.ReportFormat;

namespace Observability.LoadSimulator.Reports;

/// <summary>report.html: self-contained (inline CSS and SVG, no scripts, no CDN), opens from a CI artifact.</summary>
internal static class HtmlReport
{
    private static readonly string[] Palette = ["#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b"];

    public static string Build(RunResult result)
    {
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>loadsim ")
            .Append(E(result.RunId))
            .Append("</title><style>body{font-family:system-ui,sans-serif;margin:24px;color:#222}table{border-collapse:collapse;margin:8px 0 16px}td,th{border:1px solid #ddd;padding:3px 8px;text-align:right}th{background:#f4f4f4}td:first-child,th:first-child{text-align:left}.fail{color:#c00;font-weight:bold}.pass{color:#080}svg{display:block;margin:8px 0;font-family:system-ui,sans-serif}</style></head><body>");
        html.Append(CultureInfo.InvariantCulture, $"<h1>Load test {E(result.RunId)}</h1><p>started {result.StartedAt:u}, duration {Rate(result.DurationSeconds)} s, seed {result.Seed}, outcome <b>{E(result.Outcome.ToString())}</b> (exit code {result.ExitCode})</p>");
        if (result.AbortReason is not null)
        {
            html.Append(CultureInfo.InvariantCulture, $"<p class=\"fail\">aborted: {E(result.AbortReason)}</p>");
        }

        var bands = FaultBands.From(result.Faults);
        if (result.Faults.Count > 0)
        {
            html.Append("<h2>Faults</h2><p>Shaded bands on every chart; times from the run start.</p><table><tr><th>#</th><th>step</th><th>planned</th><th>window</th><th>status</th><th>redeliveries</th><th>dead letters</th><th>lag start -&gt; end</th><th>detail</th></tr>");
            for (var i = 0; i < result.Faults.Count; i++)
            {
                var f = result.Faults[i];
                html.Append(CultureInfo.InvariantCulture, $"<tr class=\"fault\"><td>{FaultBands.Label(i)}</td><td>{E(f.Step)}</td><td>{E(FaultBands.Planned(f))}</td><td>{E(FaultBands.Window(f))}</td><td class=\"{(f.Status is Faults.FaultWindowStatus.Failed or Faults.FaultWindowStatus.Skipped ? "fail" : "pass")}\">{E(f.Status)}</td><td>{FaultBands.Number(f.Redeliveries)}</td><td>{FaultBands.Number(f.DeadLetters)}</td><td>{E(FaultBands.Lag(f))}</td><td>{E(f.Detail ?? string.Empty)}</td></tr>");
            }

            html.Append("</table>");
            foreach (var recovery in FaultBands.Recovery(result))
            {
                html.Append(CultureInfo.InvariantCulture, $"<p><b>Recovery</b> ({E(recovery.Name)}): {E(recovery.Actual)} <span class=\"{(recovery.Passed ? "pass" : "fail")}\">{(recovery.Passed ? "pass" : "FAIL")}</span></p>");
            }
        }

        foreach (var s in result.Scenarios)
        {
            var c = s.Counts;
            html.Append(CultureInfo.InvariantCulture, $"<h2>{E(s.Name)} <small>({E(s.Model)} model)</small></h2><p>{E(string.Join(", ", s.LoadSimulations))}; warm-up {Rate(s.WarmUpSeconds)} s</p>");
            html.Append("<table><tr><th>intended</th><th>started</th><th>ok</th><th>fail</th><th>dropped</th><th>timed out</th><th>rps</th><th>bytes</th></tr>");
            html.Append(CultureInfo.InvariantCulture, $"<tr><td>{c.Intended}</td><td>{c.Started}</td><td>{c.Ok}</td><td>{c.Fail}</td><td>{c.Dropped}</td><td>{c.TimedOut}</td><td>{Rate(s.Rps)}</td><td>{Bytes(s.BytesTransferred)}</td></tr></table>");
            html.Append("<table><tr><th>ms</th><th>min</th><th>mean</th><th>p50</th><th>p75</th><th>p95</th><th>p99</th><th>p99.9</th><th>max</th></tr>");
            Latency(html, "latency (intended start)", s.Latency);
            Latency(html, "service time", s.ServiceTime);
            foreach (var step in s.Steps)
            {
                Latency(html, "step " + step.Name, step.Latency);
            }

            html.Append("</table>");
            // Warm-up intervals count nothing (their iterations are not in the statistics): shade them, draw no line.
            var warmUp = s.WarmUpSeconds;
            var intervals = s.Intervals.Where(i => i.StartSeconds >= warmUp - 1e-6).ToList();
            html.Append(SvgChart.Line($"{s.Name}: throughput", "iterations/s",
            [
                new ChartSeries("target", Palette[0], [.. intervals.Select(i => (i.EndSeconds, i.TargetRate))]),
                new ChartSeries("achieved (started)", Palette[1], [.. intervals.Select(i => (i.EndSeconds, i.AchievedRate))]),
                new ChartSeries("dropped/s", Palette[3], [.. intervals.Select(i => (i.EndSeconds, i.Dropped / Math.Max(i.EndSeconds - i.StartSeconds, 1e-9)))]),
            ], bands, warmUp));
            html.Append(SvgChart.Line($"{s.Name}: latency from intended start", "ms",
            [
                new ChartSeries("p50", Palette[2], [.. intervals.Select(i => (i.EndSeconds, i.LatencyP50Ms))]),
                new ChartSeries("p99", Palette[4], [.. intervals.Select(i => (i.EndSeconds, i.LatencyP99Ms))]),
            ], bands, warmUp));
        }

        // Plugin series (consumer lag, freshness, ...) get one chart per unit.
        var colour = 0;
        foreach (var group in result.PluginSeries.GroupBy(p => p.Unit, StringComparer.Ordinal))
        {
            html.Append(SvgChart.Line(string.Join(", ", group.Select(g => g.Name)), group.Key,
                [.. group.Select(g => new ChartSeries(g.Name, Palette[colour++ % Palette.Length], [.. g.Points.Select(p => (p.Seconds, p.Value))]))], bands));
        }

        if (result.Thresholds.Count > 0)
        {
            html.Append("<h2>Thresholds</h2><table><tr><th>scenario</th><th>threshold</th><th>actual</th><th>result</th></tr>");
            foreach (var t in result.Thresholds)
            {
                html.Append(CultureInfo.InvariantCulture, $"<tr><td>{E(t.Scenario ?? "(run)")}</td><td>{E(t.Name)}</td><td>{E(t.Actual)}</td><td class=\"{(t.Passed ? "pass" : "fail")}\">{(t.Passed ? "pass" : "FAIL")}</td></tr>");
            }

            html.Append("</table>");
        }

        html.Append("</body></html>\n");
        return html.ToString();
    }

    private static void Latency(StringBuilder html, string name, LatencyStats l) =>
        html.Append(CultureInfo.InvariantCulture, $"<tr><td>{E(name)}</td><td>{Ms(l.MinMs)}</td><td>{Ms(l.MeanMs)}</td><td>{Ms(l.P50Ms)}</td><td>{Ms(l.P75Ms)}</td><td>{Ms(l.P95Ms)}</td><td>{Ms(l.P99Ms)}</td><td>{Ms(l.P999Ms)}</td><td>{Ms(l.MaxMs)}</td></tr>");

    private static string E(string text) => WebUtility.HtmlEncode(text);
}
