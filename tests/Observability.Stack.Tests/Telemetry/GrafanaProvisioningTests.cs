using Observability.Stack.Tests.Support;

namespace Observability.Stack.Tests.Telemetry;

public sealed class GrafanaProvisioningTests
{
    [Fact]
    public void Prometheus_Tempo_and_Loki_are_provisioned_under_fixed_uids()
    {
        var datasources = ProvisionedDatasources.ByUid();
        Assert.Equal("prometheus", Yaml.String(datasources["prometheus"], "type"));
        Assert.Equal("tempo", Yaml.String(datasources["tempo"], "type"));
        Assert.Equal("loki", Yaml.String(datasources["loki"], "type"));
    }

    [Fact]
    public void Every_datasource_uid_one_datasource_links_to_exists()
    {
        var datasources = ProvisionedDatasources.ByUid();
        var links = new List<(string From, string? Uid)>();
        foreach (var (uid, datasource) in datasources)
        {
            var json = Yaml.At(datasource, "jsonData");
            links.AddRange(Yaml.ListOrEmpty(Yaml.At(json, "exemplarTraceIdDestinations")).Select(d => ($"{uid} exemplar {Yaml.String(d, "name")}", Yaml.String(d, "datasourceUid"))));
            links.AddRange(Yaml.ListOrEmpty(Yaml.At(json, "derivedFields")).Select(d => ($"{uid} derived field {Yaml.String(d, "name")}", Yaml.String(d, "datasourceUid"))));
            foreach (var key in new[] { "serviceMap", "tracesToLogsV2", "tracesToMetrics", "lokiSearch" })
            {
                if (Yaml.At(json, key) is { } link)
                {
                    links.Add(($"{uid} {key}", Yaml.String(link, "datasourceUid")));
                }
            }
        }

        Assert.NotEmpty(links);
        var broken = links.Where(l => l.Uid is null || !datasources.ContainsKey(l.Uid)).Select(l => $"{l.From} -> '{l.Uid}'").ToList();
        Assert.True(broken.Count == 0, $"Links to datasources that are not provisioned:\n{string.Join("\n", broken)}");
    }

    [Fact]
    public void Exemplars_traces_logs_and_metrics_are_linked_both_ways()
    {
        var datasources = ProvisionedDatasources.ByUid();
        var prometheus = Yaml.At(datasources["prometheus"], "jsonData");
        var exemplar = Yaml.ListOrEmpty(Yaml.At(prometheus, "exemplarTraceIdDestinations")).Single();
        Assert.Equal("trace_id", Yaml.String(exemplar, "name"));
        Assert.Equal("tempo", Yaml.String(exemplar, "datasourceUid"));

        var tempo = Yaml.At(datasources["tempo"], "jsonData");
        Assert.Equal("prometheus", Yaml.String(tempo, "serviceMap", "datasourceUid"));
        Assert.Equal("true", Yaml.String(tempo, "nodeGraph", "enabled"));
        Assert.Equal("loki", Yaml.String(tempo, "tracesToLogsV2", "datasourceUid"));
        Assert.Equal("prometheus", Yaml.String(tempo, "tracesToMetrics", "datasourceUid"));

        var derived = Yaml.ListOrEmpty(Yaml.At(datasources["loki"], "jsonData", "derivedFields")).Single();
        Assert.Equal("tempo", Yaml.String(derived, "datasourceUid"));
        Assert.Equal("trace_id", Yaml.String(derived, "matcherRegex"));
    }

    [Fact]
    public void Trace_to_metrics_queries_use_only_catalogued_metrics()
    {
        var queries = Yaml.ListOrEmpty(Yaml.At(ProvisionedDatasources.ByUid()["tempo"], "jsonData", "tracesToMetrics", "queries"))
            .Select(q => Yaml.String(q, "query")!.Replace("$$", "$", StringComparison.Ordinal))
            .ToList();
        Assert.NotEmpty(queries);
        var unknown = queries.SelectMany(PromQlMetricNames.Extract).Where(m => !MetricCatalog.Instance.Covers(m)).ToList();
        Assert.True(unknown.Count == 0, $"Not in docs/metrics.md: {string.Join(", ", unknown)}");
    }

    [Fact]
    public void Datasource_urls_point_at_the_compose_services_on_their_configured_ports()
    {
        var datasources = ProvisionedDatasources.ByUid();
        var tempoPort = Yaml.String(Yaml.Load("otel/tempo.yaml"), "server", "http_listen_port");
        var lokiPort = Yaml.String(Yaml.Load("otel/loki.yaml"), "server", "http_listen_port");
        Assert.Equal("http://prometheus:9090", Yaml.String(datasources["prometheus"], "url"));
        Assert.Equal($"http://tempo:{tempoPort}", Yaml.String(datasources["tempo"], "url"));
        Assert.Equal($"http://loki:{lokiPort}", Yaml.String(datasources["loki"], "url"));

        var services = ComposeFile.Load().Services.Keys.ToList();
        Assert.All(datasources.Values, d => Assert.Contains(new Uri(Yaml.String(d, "url")!).Host, services));
    }

    [Fact]
    public void The_dashboard_provider_reads_the_folder_compose_mounts_the_dashboards_into()
    {
        var provider = Yaml.ListOrEmpty(Yaml.At(Yaml.Load("grafana/provisioning/dashboards/dashboards.yaml"), "providers")).Single();
        Assert.Equal("file", Yaml.String(provider, "type"));
        var path = Yaml.String(provider, "options", "path");

        var volumes = Yaml.Strings(Yaml.At(ComposeFile.Load().Services["grafana"], "volumes"));
        Assert.Contains($"./grafana/dashboards:{path}:ro", volumes);
        Assert.Contains("./grafana/provisioning:/etc/grafana/provisioning:ro", volumes);
    }

    [Fact]
    public void Grafana_lets_anonymous_users_view_and_takes_the_admin_password_from_the_environment()
    {
        var environment = ComposeFile.Load().Environment("grafana");
        Assert.Equal("true", environment["GF_AUTH_ANONYMOUS_ENABLED"]);
        Assert.Equal("Viewer", environment["GF_AUTH_ANONYMOUS_ORG_ROLE"]);
        Assert.Equal("${GRAFANA_ADMIN_PASSWORD:-}", environment["GRAFANA_ADMIN_PASSWORD"]);
        Assert.False(environment.ContainsKey("GF_SECURITY_ADMIN_PASSWORD"), "the admin password is set by the entrypoint, never in the file");
        var entrypoint = string.Join("\n", Yaml.ListOrEmpty(Yaml.At(ComposeFile.Load().Services["grafana"], "entrypoint")));
        Assert.Contains("export GF_SECURITY_ADMIN_PASSWORD=", entrypoint, StringComparison.Ordinal);
        Assert.Contains("exec /run.sh", entrypoint, StringComparison.Ordinal);
    }
}
