using Observability.Stack.Tests.Support;

namespace Observability.Stack.Tests.Alerting;

/// <summary>The Alertmanager configs (compose and local) and how Prometheus, compose and the scripts reach them.</summary>
public sealed class AlertmanagerConfigTests
{
    private const string ComposeConfig = "alertmanager/alertmanager.yml";
    private const string LocalConfig = "alertmanager/alertmanager.local.yml";

    [Theory]
    [InlineData(ComposeConfig)]
    [InlineData(LocalConfig)]
    public async Task Amtool_accepts_the_config(string config)
    {
        var result = await ExternalTool.RunAsync("amtool", ["check-config", config]);
        Assert.True(result.ExitCode == 0, $"amtool check-config {config}: {result.Describe()}");
    }

    [Fact]
    public void Compose_and_local_route_the_same_way_to_the_same_receiver_and_differ_only_in_its_url()
    {
        var compose = Yaml.Load(ComposeConfig);
        var local = Yaml.Load(LocalConfig);
        Assert.Equal(Describe(Yaml.At(compose, "route")), Describe(Yaml.At(local, "route")));
        Assert.Equal(Describe(Yaml.At(compose, "inhibit_rules")), Describe(Yaml.At(local, "inhibit_rules")));
        Assert.Equal(["kit-webhook"], Receivers(compose).Select(r => r.Name));
        Assert.Equal(["kit-webhook"], Receivers(local).Select(r => r.Name));
        Assert.All(Receivers(compose).Concat(Receivers(local)), r => Assert.Equal("true", r.SendResolved));

        // The local URL is the one scripts/run-observability.sh replaces with KIT_ALERT_WEBHOOK_URL.
        var localUrl = Receivers(local).Single().Url;
        Assert.StartsWith("http://127.0.0.1:", localUrl, StringComparison.Ordinal);
        Assert.Contains($"s#{localUrl}#$alert_webhook_url#", Repo.Read("scripts/run-observability.sh"), StringComparison.Ordinal);
        Assert.Contains($"alert_webhook_url=${{KIT_ALERT_WEBHOOK_URL:-{localUrl}}}", Repo.Read("scripts/run-observability.sh"), StringComparison.Ordinal);
    }

    [Fact]
    public void In_compose_Prometheus_alerts_the_alertmanager_service_which_posts_to_the_receiver_service()
    {
        var compose = ComposeFile.Load();
        var targets = Yaml.ListOrEmpty(Yaml.At(Yaml.Load("prometheus/prometheus.yml"), "alerting", "alertmanagers"))
            .SelectMany(a => Yaml.ListOrEmpty(Yaml.At(a, "static_configs")))
            .SelectMany(c => Yaml.Strings(Yaml.At(c, "targets")))
            .ToList();
        Assert.Equal(["alertmanager:9093"], targets);
        Assert.Contains("9093:9093", Yaml.Strings(Yaml.At(compose.Services["alertmanager"], "ports")));
        Assert.Contains(Yaml.Strings(Yaml.At(compose.Services["alertmanager"], "volumes")),
            v => v.StartsWith("./" + ComposeConfig + ":/etc/alertmanager/alertmanager.yml", StringComparison.Ordinal));

        var url = new Uri(Receivers(Yaml.Load(ComposeConfig)).Single().Url);
        Assert.True(compose.Services.ContainsKey(url.Host), $"the webhook posts to '{url.Host}', which is not a compose service");
        Assert.Equal(url.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), compose.Environment(url.Host)["HTTP_PORT"]);
    }

    [Fact]
    public void Locally_Prometheus_finds_Alertmanager_in_the_target_file_the_script_writes_and_CI_installs_it()
    {
        var fileSd = Yaml.ListOrEmpty(Yaml.At(Yaml.Load("prometheus/prometheus.local.yml"), "alerting", "alertmanagers"))
            .SelectMany(a => Yaml.ListOrEmpty(Yaml.At(a, "file_sd_configs")))
            .Single();
        Assert.Equal(["targets/alertmanager.json"], Yaml.Strings(Yaml.At(fileSd, "files")));
        var script = Repo.Read("scripts/run-observability.sh");
        Assert.Contains("\"$prometheus_dir/targets/alertmanager.json\"", script, StringComparison.Ordinal);
        Assert.Contains("alertmanager/alertmanager.local.yml", script, StringComparison.Ordinal);
        Assert.Contains("need+=(prometheus-alertmanager)", Repo.Read("scripts/install-deps.sh"), StringComparison.Ordinal);
    }

    private static List<(string Name, string Url, string? SendResolved)> Receivers(object config) =>
        Yaml.ListOrEmpty(Yaml.At(config, "receivers"))
            .SelectMany(r => Yaml.ListOrEmpty(Yaml.At(r, "webhook_configs"))
                .Select(w => (Yaml.String(r, "name")!, Yaml.String(w, "url")!, Yaml.String(w, "send_resolved"))))
            .ToList();

    private static string Describe(object? node) => node switch
    {
        Dictionary<object, object> map => "{" + string.Join(",", map.OrderBy(kv => kv.Key.ToString(), StringComparer.Ordinal).Select(kv => $"{kv.Key}:{Describe(kv.Value)}")) + "}",
        List<object> list => "[" + string.Join(",", list.Select(Describe)) + "]",
        _ => node?.ToString() ?? "null",
    };
}
