using Observability.Stack.Tests.Support;

namespace Observability.Stack.Tests.Telemetry;

public sealed class CollectorConfigTests
{
    private const string Config = "otel/collector.yaml";
    private static readonly string[] Kinds = ["receivers", "processors", "exporters"];

    [Fact]
    public void Every_pipeline_component_is_defined_and_every_defined_component_is_used()
    {
        var root = Yaml.Load(Config);
        var pipelines = Yaml.MapOrEmpty(Yaml.At(root, "service", "pipelines"));
        Assert.NotEmpty(pipelines);

        var problems = new List<string>();
        foreach (var kind in Kinds)
        {
            var defined = Yaml.MapOrEmpty(Yaml.At(root, kind)).Keys.ToHashSet(StringComparer.Ordinal);
            var used = pipelines.SelectMany(p => Yaml.Strings(Yaml.At(p.Value, kind)).Select(c => (Pipeline: p.Key, Component: c))).ToList();
            problems.AddRange(used.Where(u => !defined.Contains(u.Component)).Select(u => $"pipeline {u.Pipeline} uses undefined {kind} '{u.Component}'"));
            problems.AddRange(defined.Where(d => used.All(u => u.Component != d)).Select(d => $"{kind} '{d}' is defined but in no pipeline"));
        }

        var extensions = Yaml.MapOrEmpty(Yaml.At(root, "extensions")).Keys.ToHashSet(StringComparer.Ordinal);
        var enabled = Yaml.Strings(Yaml.At(root, "service", "extensions"));
        problems.AddRange(enabled.Where(e => !extensions.Contains(e)).Select(e => $"service.extensions names undefined '{e}'"));
        problems.AddRange(extensions.Where(e => !enabled.Contains(e)).Select(e => $"extension '{e}' is defined but not enabled"));

        Assert.True(problems.Count == 0, $"{Config}:\n{string.Join("\n", problems)}");
    }

    [Fact]
    public void Traces_go_to_Tempo_logs_to_Loki_and_metrics_to_Prometheus()
    {
        var root = Yaml.Load(Config);
        Assert.Equal(["otlp/tempo"], Yaml.Strings(Yaml.At(root, "service", "pipelines", "traces", "exporters")));
        Assert.Equal(["otlphttp/loki"], Yaml.Strings(Yaml.At(root, "service", "pipelines", "logs", "exporters")));
        Assert.Equal(["prometheusremotewrite"], Yaml.Strings(Yaml.At(root, "service", "pipelines", "metrics", "exporters")));

        var tempoPort = Port(Yaml.String(Yaml.Load("otel/tempo.yaml"), "distributor", "receivers", "otlp", "protocols", "grpc", "endpoint"));
        Assert.Equal($"tempo:{tempoPort}", Yaml.String(root, "exporters", "otlp/tempo", "endpoint"));

        var lokiPort = Yaml.String(Yaml.Load("otel/loki.yaml"), "server", "http_listen_port");
        Assert.Equal($"http://loki:{lokiPort}/otlp", Yaml.String(root, "exporters", "otlphttp/loki", "endpoint"));

        Assert.Equal("http://prometheus:9090/api/v1/write", Yaml.String(root, "exporters", "prometheusremotewrite", "endpoint"));
        Assert.Contains("--web.enable-remote-write-receiver", Yaml.Strings(Yaml.At(ComposeFile.Load().Services["prometheus"], "command")));
    }

    [Fact]
    public void Every_pipeline_limits_memory_first_and_batches()
    {
        var root = Yaml.Load(Config);
        foreach (var (name, pipeline) in Yaml.MapOrEmpty(Yaml.At(root, "service", "pipelines")))
        {
            var processors = Yaml.Strings(Yaml.At(pipeline, "processors"));
            Assert.True(processors.Count > 0 && processors[0] == "memory_limiter", $"pipeline {name}: memory_limiter must come first ({string.Join(", ", processors)})");
            Assert.Contains("batch", processors);
        }
    }

    [Fact]
    public void The_collector_receives_OTLP_on_the_ports_the_services_export_to()
    {
        var root = Yaml.Load(Config);
        Assert.Equal("4317", Port(Yaml.String(root, "receivers", "otlp", "protocols", "grpc", "endpoint")));
        Assert.Equal("4318", Port(Yaml.String(root, "receivers", "otlp", "protocols", "http", "endpoint")));

        var compose = ComposeFile.Load();
        Assert.Contains("./otel/collector.yaml:/etc/otelcol/collector.yaml:ro", Yaml.Strings(Yaml.At(compose.Services["otel-collector"], "volumes")));
        Assert.Contains("--config=/etc/otelcol/collector.yaml", Yaml.Strings(Yaml.At(compose.Services["otel-collector"], "command")));
    }

    private static string Port(string? endpoint) => endpoint?.Split(':')[^1] ?? throw new InvalidDataException("no endpoint");
}
