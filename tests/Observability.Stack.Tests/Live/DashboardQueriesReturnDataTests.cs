using System.Text.RegularExpressions;
using Observability.Stack.Tests.Dashboards;

namespace Observability.Stack.Tests.Live;

/// <summary>
/// No empty panels: every Prometheus query of every dashboard returns data from a real Prometheus that scraped the
/// real services during a real (short) run, asked without their zero fallbacks. Queries on Tempo's derived metrics (<c>traces_*</c>, written by Tempo's
/// metrics-generator) and Tempo panels cannot run here and are listed as such.
/// </summary>
[Collection(LivePipelineCollection.Name)]
public sealed partial class DashboardQueriesReturnDataTests(LivePipeline pipeline)
{
    [Fact]
    public async Task Every_dashboard_query_returns_data_from_the_real_services()
    {
        var queries = DashboardFile.Names()
            .SelectMany(name => DashboardFile.Load(name).PromQlQueries().Select(q => (Dashboard: name, q.Where, q.Expr)))
            .Where(q => !q.Expr.Contains("traces_", StringComparison.Ordinal))
            .ToList();
        Assert.True(queries.Count > 40, $"expected the dashboards' queries, found {queries.Count}");

        // Wait until the pipeline has produced every kind of series (lag polls, a dead letter, closed runs of the
        // producer's lifecycles), then ask every query once more and report all that are still empty.
        var empty = new List<string>();
        var deadline = DateTime.UtcNow.AddSeconds(90);
        do
        {
            empty.Clear();
            foreach (var (dashboard, where, expr) in queries)
            {
                var (series, _) = await pipeline.Prometheus.QueryAsync(WithoutZeroFallback(Substitute(expr)));

                // An annotation marks an event (a phase change); it must run, and is empty when none happened.
                if (series == 0 && !where.Contains("/ annotation ", StringComparison.Ordinal))
                {
                    empty.Add($"{dashboard} {where}: {expr}");
                }
            }

            if (empty.Count == 0)
            {
                break;
            }

            await Task.Delay(TimeSpan.FromSeconds(3));
        }
        while (DateTime.UtcNow < deadline);

        Assert.True(empty.Count == 0, $"{empty.Count} of {queries.Count} dashboard queries returned no data:\n{string.Join("\n", empty)}");
    }

    [Fact]
    public async Task The_alert_rules_load_and_evaluate_against_the_real_series()
    {
        var (groups, json) = await Eventually.UntilAsync(
            () => pipeline.Prometheus.QueryAsync("count(ALERTS) or vector(0)"), r => r.Series > 0, TimeSpan.FromSeconds(30));
        Assert.True(groups > 0, json);

        using var http = new HttpClient();
        var rules = await http.GetStringAsync($"{pipeline.Prometheus.Url}/api/v1/rules");
        Assert.Contains("\"health\":\"ok\"", rules, StringComparison.Ordinal);
        Assert.DoesNotContain("\"health\":\"err\"", rules, StringComparison.Ordinal);
    }

    /// <summary>
    /// Some panels end in <c>or on() vector(0)</c> so Grafana draws 0 rather than "No data" when nothing has gone
    /// wrong yet. The test asks without that fallback: the real series must exist.
    /// </summary>
    private static string WithoutZeroFallback(string expr) => ZeroFallback().Replace(expr, "");

    [GeneratedRegex(@"\s*or\s+(on\s*\(\s*\)\s*)?vector\(0\)")]
    private static partial Regex ZeroFallback();

    /// <summary>Grafana's variables as a user would first see them: every stream, consumer and job; the live run's id.</summary>
    private static string Substitute(string expr) => Variable().Replace(expr, m => m.Groups["name"].Value switch
    {
        "__rate_interval" or "__interval" => "15s",
        "__range" => "5m",
        "__interval_ms" or "__range_ms" => "15000",
        "__range_s" => "300",
        "run_id" => LivePipeline.RunId,
        _ => ".*",
    });

    [GeneratedRegex(@"\$(?:\{(?<name>[a-zA-Z_][a-zA-Z0-9_]*)(?::[^}]*)?\}|(?<name>[a-zA-Z_][a-zA-Z0-9_]*))")]
    private static partial Regex Variable();
}
