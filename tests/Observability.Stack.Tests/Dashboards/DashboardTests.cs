using System.Text.Json.Nodes;
using Observability.Stack.Tests.Support;

namespace Observability.Stack.Tests.Dashboards;

public sealed class DashboardTests
{
    private static readonly string[] ExpectedDashboards =
    [
        "analytics.json", "broker.json", "consumer-lag.json", "dead-letters.json", "load-run.json", "pipeline-overview.json", "runtime.json",
    ];

    public static TheoryData<string> Dashboards() => new(DashboardFile.Names());

    [Fact]
    public void Every_expected_dashboard_is_there_with_a_unique_uid()
    {
        var names = DashboardFile.Names();
        Assert.All(ExpectedDashboards, expected => Assert.Contains(expected, names));

        var uids = names.Select(n => (Name: n, Uid: DashboardFile.Load(n).Root["uid"]?.GetValue<string>())).ToList();
        Assert.All(uids, u => Assert.False(string.IsNullOrWhiteSpace(u.Uid), $"{u.Name} has no uid"));
        var duplicates = uids.GroupBy(u => u.Uid).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        Assert.True(duplicates.Count == 0, $"Dashboard uids used twice: {string.Join(", ", duplicates)}");
    }

    [Theory]
    [MemberData(nameof(Dashboards))]
    public void Every_panel_has_a_title_and_a_description(string name)
    {
        var dashboard = DashboardFile.Load(name);
        var panels = dashboard.Panels().Where(p => p["type"]?.GetValue<string>() != "row").ToList();
        Assert.NotEmpty(panels);

        var missing = panels
            .Where(p => string.IsNullOrWhiteSpace(p["title"]?.GetValue<string>()) || string.IsNullOrWhiteSpace(p["description"]?.GetValue<string>()))
            .Select(p => $"panel id {p["id"]} '{p["title"]}'")
            .ToList();
        Assert.True(missing.Count == 0, $"{name}: panels without a title or description: {string.Join("; ", missing)}");
    }

    [Theory]
    [MemberData(nameof(Dashboards))]
    public void Every_datasource_is_named_by_a_provisioned_uid(string name)
    {
        var provisioned = ProvisionedDatasources.ByUid();
        var problems = new List<string>();
        foreach (var (where, datasource) in DashboardFile.Load(name).DatasourceReferences())
        {
            if (datasource is null)
            {
                continue; // inherits the panel's (checked on its own) or Grafana's default
            }

            if (datasource is not JsonObject reference)
            {
                problems.Add($"{where}: datasource given as '{datasource.ToJsonString()}', use {{\"type\", \"uid\"}}");
                continue;
            }

            var uid = reference["uid"]?.GetValue<string>();
            if (uid is null || !provisioned.TryGetValue(uid, out var target))
            {
                problems.Add($"{where}: uid '{uid}' is not provisioned ({string.Join(", ", provisioned.Keys)})");
            }
            else if (reference["type"]?.GetValue<string>() is { } type && type != Yaml.String(target, "type"))
            {
                problems.Add($"{where}: uid '{uid}' has type '{Yaml.String(target, "type")}', the panel says '{type}'");
            }
        }

        Assert.True(problems.Count == 0, $"{name}:\n{string.Join("\n", problems)}");
    }

    [Theory]
    [MemberData(nameof(Dashboards))]
    public void Every_metric_queried_is_in_the_metric_catalog(string name)
    {
        var catalog = MetricCatalog.Instance;
        var queries = DashboardFile.Load(name).PromQlQueries().ToList();
        Assert.NotEmpty(queries);

        var unknown = queries
            .SelectMany(q => PromQlMetricNames.Extract(q.Expr).Where(m => !catalog.Covers(m)).Select(m => $"{q.Where}: {m}"))
            .ToList();
        Assert.True(unknown.Count == 0, $"Metrics not in docs/metrics.md (add them there first, or fix the query):\n{string.Join("\n", unknown)}");
    }

    [Theory]
    [MemberData(nameof(Dashboards))]
    public void Every_variable_a_query_uses_is_defined(string name)
    {
        var dashboard = DashboardFile.Load(name);
        var defined = dashboard.Variables().Select(v => v["name"]!.GetValue<string>()).ToHashSet(StringComparer.Ordinal);
        var undefined = dashboard.PromQlQueries()
            .SelectMany(q => GrafanaMacros.VariablesIn(q.Expr)
                .Where(v => !defined.Contains(v) && !GrafanaMacros.BuiltIns.Contains(v))
                .Select(v => $"{q.Where}: ${v}"))
            .ToList();
        Assert.True(undefined.Count == 0, $"{name}: variables used but not defined in templating:\n{string.Join("\n", undefined)}");
    }

    [Fact]
    public async Task Every_query_of_every_dashboard_is_valid_PromQL_for_promtool()
    {
        // promtool check rules runs Prometheus's own parser over each expression, written as a recording rule.
        var queries = DashboardFile.Names().SelectMany(n => DashboardFile.Load(n).PromQlQueries()).ToList();
        var rules = new System.Text.StringBuilder("groups:\n  - name: dashboard-queries\n    rules:\n");
        for (var i = 0; i < queries.Count; i++)
        {
            var expr = GrafanaMacros.Substitute(queries[i].Expr);
            rules.Append($"      - record: dashboard:query_{i}\n        expr: {JsonValue.Create(expr).ToJsonString()}\n");
        }

        var file = Path.Combine(Path.GetTempPath(), $"kit-dashboard-queries-{Guid.NewGuid():N}.yml");
        await File.WriteAllTextAsync(file, rules.ToString());
        try
        {
            var result = await ExternalTool.RunAsync("promtool", ["check", "rules", file]);
            var explained = string.Join("\n", queries.Select((q, i) => $"dashboard:query_{i} = {q.Where}"));
            Assert.True(result.ExitCode == 0, $"promtool rejected a dashboard query:\n{result.Describe()}\nRule names:\n{explained}");
            Assert.Contains($"{queries.Count} rules found", result.StandardOutput);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public void Pipeline_overview_shows_processing_quantiles_with_exemplars_and_the_Tempo_service_graph()
    {
        var dashboard = DashboardFile.Load("pipeline-overview.json");
        var targets = dashboard.Panels()
            .SelectMany(p => (p["targets"] as JsonArray ?? []).OfType<JsonObject>())
            .ToList();

        foreach (var quantile in new[] { "0.5", "0.95", "0.99" })
        {
            Assert.Contains(targets, t =>
                t["expr"]?.GetValue<string>() is { } expr
                && expr.StartsWith($"histogram_quantile({quantile},", StringComparison.Ordinal)
                && expr.Contains("kit_processing_duration_seconds_bucket", StringComparison.Ordinal)
                && t["exemplar"]?.GetValue<bool>() == true);
        }

        Assert.Contains(dashboard.Panels(), p =>
            p["type"]?.GetValue<string>() == "nodeGraph"
            && p["datasource"]?["uid"]?.GetValue<string>() == "tempo"
            && (p["targets"] as JsonArray ?? []).OfType<JsonObject>().Any(t => t["queryType"]?.GetValue<string>() == "serviceMap"));
    }

    [Fact]
    public void Consumer_lag_links_to_the_broker_dashboard_by_its_uid()
    {
        var uid = DashboardFile.Load("broker.json").Root["uid"]!.GetValue<string>();
        var links = (DashboardFile.Load("consumer-lag.json").Root["links"] as JsonArray ?? []).OfType<JsonObject>();
        Assert.Contains(links, l => l["type"]?.GetValue<string>() == "link" && l["url"]?.GetValue<string>() == $"/d/{uid}" && l["title"]?.GetValue<string>() == "Broker");
    }

    [Fact]
    public void The_broker_dashboard_shows_every_broker_metric_of_the_catalog()
    {
        // The exporter's figures are there to be seen: each catalogued nats_* metric (but the info gauge) has a panel.
        var queried = DashboardFile.Load("broker.json").PromQlQueries().SelectMany(q => PromQlMetricNames.Extract(q.Expr)).ToHashSet(StringComparer.Ordinal);
        var missing = MetricCatalog.Instance.Types.Keys
            .Where(m => m.StartsWith("nats_", StringComparison.Ordinal) && m != "nats_server_info" && !queried.Contains(m))
            .ToList();
        Assert.True(missing.Count == 0, $"broker.json shows none of: {string.Join(", ", missing)}");
    }

    [Fact]
    public void Consumer_lag_status_maps_values_to_OK_falling_behind_and_stalled()
    {
        var status = DashboardFile.Load("consumer-lag.json").Panels().Single(p => p["type"]?.GetValue<string>() == "stat" && p["title"]?.GetValue<string>() == "Status");
        var options = status["fieldConfig"]?["defaults"]?["mappings"]?[0]?["options"] as JsonObject;
        Assert.NotNull(options);
        Assert.Equal("OK", options["0"]?["text"]?.GetValue<string>());
        Assert.Equal("Falling behind", options["1"]?["text"]?.GetValue<string>());
        Assert.Equal("Stalled", options["2"]?["text"]?.GetValue<string>());
    }

    [Theory]
    [InlineData("load-run.json")]
    [InlineData("consumer-lag.json")]
    [InlineData("dead-letters.json")]
    public void Dashboards_that_show_a_chaos_run_draw_loadsim_fault_windows_from_annotations_tagged_fault(string name)
    {
        var faults = DashboardFile.Load(name).Annotations().Single(a => a["name"]?.GetValue<string>() == "Faults");

        Assert.True(DashboardFile.IsGrafanaTagQuery(faults));
        Assert.True(faults["enable"]?.GetValue<bool>());
        Assert.Equal(["fault"], (faults["target"]?["tags"] as JsonArray ?? []).Select(t => t?.GetValue<string>()));
    }

    [Fact]
    public void Load_run_dashboard_marks_phase_changes_with_an_annotation_from_Prometheus()
    {
        var annotation = DashboardFile.Load("load-run.json").Annotations().Single(a => a["name"]?.GetValue<string>() == "Phase changes");
        Assert.Equal("prometheus", annotation["datasource"]?["uid"]?.GetValue<string>());
        Assert.Contains("loadsim_target_rate{run_id=\"$run_id\"}", annotation["expr"]?.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public void Load_run_dashboard_is_filtered_by_a_run_id_variable()
    {
        var dashboard = DashboardFile.Load("load-run.json");
        Assert.Contains(dashboard.Variables(), v => v["name"]?.GetValue<string>() == "run_id");
        var loadsimQueries = dashboard.PromQlQueries().Where(q => q.Expr.Contains("loadsim_", StringComparison.Ordinal) && !q.Where.Contains("variable", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(loadsimQueries);
        Assert.All(loadsimQueries, q => Assert.Contains("run_id=\"$run_id\"", q.Expr, StringComparison.Ordinal));
    }
}
