using Observability.Stack.Tests.Support;

namespace Observability.Stack.Tests.Prometheus;

public sealed class PrometheusConfigTests
{
    private const string ComposeConfig = "prometheus/prometheus.yml";
    private const string LocalConfig = "prometheus/prometheus.local.yml";
    private const string Rules = "prometheus/rules/kit-alerts.yml";
    private const string RuleTests = "prometheus/rules/kit-alerts.test.yml";

    [Theory]
    [InlineData(ComposeConfig)]
    [InlineData(LocalConfig)]
    public async Task Promtool_accepts_the_config_and_the_rules_it_loads(string config)
    {
        var result = await ExternalTool.RunAsync("promtool", ["check", "config", config]);
        Assert.True(result.ExitCode == 0, $"promtool check config {config}: {result.Describe()}");
        Assert.Contains("SUCCESS: 1 rule files found", result.StandardOutput + result.StandardError);
    }

    [Fact]
    public async Task Promtool_accepts_the_alert_rules()
    {
        var result = await ExternalTool.RunAsync("promtool", ["check", "rules", Rules]);
        Assert.True(result.ExitCode == 0, $"promtool check rules: {result.Describe()}");
    }

    [Fact]
    public async Task The_alert_rule_unit_tests_pass()
    {
        var result = await ExternalTool.RunAsync("promtool", ["test", "rules", RuleTests]);
        Assert.True(result.ExitCode == 0, $"promtool test rules: {result.Describe()}");
        Assert.Contains("SUCCESS", result.StandardOutput + result.StandardError);
    }

    [Fact]
    public void Every_alert_has_a_unit_test_where_it_fires()
    {
        var alerts = AlertRules().Select(r => r.Alert).ToList();
        Assert.Contains("KitConsumerLagHigh", alerts);
        Assert.Contains("KitConsumerStalled", alerts);
        Assert.Contains("KitDeadLettersIncreasing", alerts);
        Assert.Contains("KitHttpServerErrors", alerts);
        Assert.Contains("KitServiceDown", alerts);
        Assert.Contains("KitNatsServerDown", alerts);
        Assert.Contains("KitStreamWithoutLeader", alerts);
        Assert.Contains("KitStreamReplicaLagging", alerts);

        var tests = Yaml.Load(RuleTests);
        Assert.Contains("kit-alerts.yml", Yaml.Strings(Yaml.At(tests, "rule_files")));
        var firing = Yaml.ListOrEmpty(Yaml.At(tests, "tests"))
            .SelectMany(t => Yaml.ListOrEmpty(Yaml.At(t, "alert_rule_test")))
            .Where(c => Yaml.ListOrEmpty(Yaml.At(c, "exp_alerts")).Count > 0)
            .Select(c => Yaml.String(c, "alertname"))
            .ToHashSet(StringComparer.Ordinal);
        var untested = alerts.Where(a => !firing.Contains(a)).ToList();
        Assert.True(untested.Count == 0, $"Alerts without a test case that expects them to fire: {string.Join(", ", untested)}");
    }

    [Fact]
    public void Alert_rules_use_only_catalogued_metrics()
    {
        var unknown = AlertRules()
            .SelectMany(r => PromQlMetricNames.Extract(r.Expr).Where(m => !MetricCatalog.Instance.Covers(m)).Select(m => $"{r.Alert}: {m}"))
            .ToList();
        Assert.True(unknown.Count == 0, $"Alert rules use metrics not in docs/metrics.md:\n{string.Join("\n", unknown)}");
    }

    [Fact]
    public void Compose_and_local_configs_have_the_same_jobs_and_rules()
    {
        var compose = Yaml.Load(ComposeConfig);
        var local = Yaml.Load(LocalConfig);
        Assert.Equal(JobNames(compose), JobNames(local));
        Assert.Equal(Yaml.Strings(Yaml.At(compose, "rule_files")), Yaml.Strings(Yaml.At(local, "rule_files")));
        Assert.Equal(["api", "loadsim", "nats", "processors", "producer", "prometheus"], JobNames(compose));
    }

    [Theory]
    [InlineData("prometheus")]
    [InlineData("api")]
    [InlineData("processors")]
    [InlineData("producer")]
    [InlineData("loadsim")]
    [InlineData("nats")]
    public void Local_config_finds_each_job_in_the_target_file_the_scripts_write(string job)
    {
        // scripts/run-local.sh writes targets/<job>.json with every process it starts (each processor replica its
        // own target); scripts/run-observability.sh writes the default ports when it runs alone.
        var fileSd = Yaml.ListOrEmpty(Yaml.At(Job(Yaml.Load(LocalConfig), job), "file_sd_configs")).Single();
        Assert.Equal([$"targets/{job}.json"], Yaml.Strings(Yaml.At(fileSd, "files")));
        Assert.Null(Yaml.At(Job(Yaml.Load(LocalConfig), job), "static_configs"));
        Assert.Contains($"$prometheus_dir/targets/${{default%%:*}}.json", Repo.Read("scripts/run-observability.sh"), StringComparison.Ordinal);
    }

    [Fact]
    public void Compose_config_scrapes_compose_services_and_every_processors_replica()
    {
        var config = Yaml.Load(ComposeConfig);
        Assert.Equal(["api:8080"], StaticTargets(config, "api"));
        Assert.Equal(["producer:8080"], StaticTargets(config, "producer"));

        // An A lookup of the service name returns one address per replica.
        var processors = Job(config, "processors");
        var dns = Yaml.ListOrEmpty(Yaml.At(processors, "dns_sd_configs")).Single();
        Assert.Equal(["processors"], Yaml.Strings(Yaml.At(dns, "names")));
        Assert.Equal("A", Yaml.String(dns, "type"));
        Assert.Equal("8080", Yaml.String(dns, "port"));

        var services = ComposeFile.Load().Services.Keys.ToHashSet(StringComparer.Ordinal);
        foreach (var job in Yaml.ListOrEmpty(Yaml.At(config, "scrape_configs")))
        {
            var hosts = StaticTargets(config, Yaml.String(job, "job_name")!).Select(t => t.Split(':')[0])
                .Concat(Yaml.ListOrEmpty(Yaml.At(job, "dns_sd_configs")).SelectMany(d => Yaml.Strings(Yaml.At(d, "names"))))
                .Where(h => h != "localhost");
            Assert.All(hosts, h => Assert.True(services.Contains(h), $"job {Yaml.String(job, "job_name")} scrapes '{h}', which is not a compose service"));
        }
    }

    private static IEnumerable<(string Alert, string Expr)> AlertRules() =>
        Yaml.ListOrEmpty(Yaml.At(Yaml.Load(Rules), "groups"))
            .SelectMany(g => Yaml.ListOrEmpty(Yaml.At(g, "rules")))
            .Where(r => Yaml.String(r, "alert") is not null)
            .Select(r => (Yaml.String(r, "alert")!, Yaml.String(r, "expr")!));

    private static List<string> JobNames(object config) =>
        Yaml.ListOrEmpty(Yaml.At(config, "scrape_configs")).Select(j => Yaml.String(j, "job_name")!).Order(StringComparer.Ordinal).ToList();

    private static object Job(object config, string job) =>
        Yaml.ListOrEmpty(Yaml.At(config, "scrape_configs")).SingleOrDefault(j => Yaml.String(j, "job_name") == job)
        ?? throw new InvalidDataException($"no scrape job '{job}'");

    private static List<string> StaticTargets(object config, string job) =>
        Yaml.ListOrEmpty(Yaml.At(Job(config, job), "static_configs")).SelectMany(s => Yaml.Strings(Yaml.At(s, "targets"))).ToList();
}
