using Observability.Stack.Tests.Support;

namespace Observability.Stack.Tests.Telemetry;

public sealed class TempoAndLokiConfigTests
{
    [Fact]
    public void Tempo_generates_the_service_graph_with_the_broker_hop_and_span_metrics()
    {
        var tempo = Yaml.Load("otel/tempo.yaml");
        var enabled = Yaml.Strings(Yaml.At(tempo, "overrides", "defaults", "metrics_generator", "processors"));
        Assert.Contains("service-graphs", enabled);
        Assert.Contains("span-metrics", enabled);
        Assert.Equal("true", Yaml.String(tempo, "metrics_generator", "processor", "service_graphs", "enable_messaging_system_latency_histogram"));
        Assert.Contains("messaging.system", Yaml.Strings(Yaml.At(tempo, "metrics_generator", "processor", "service_graphs", "dimensions")));
    }

    [Fact]
    public void Tempo_remote_writes_generated_metrics_with_exemplars_to_Prometheus()
    {
        var tempo = Yaml.Load("otel/tempo.yaml");
        var remoteWrite = Yaml.ListOrEmpty(Yaml.At(tempo, "metrics_generator", "storage", "remote_write")).Single();
        Assert.Equal("http://prometheus:9090/api/v1/write", Yaml.String(remoteWrite, "url"));
        Assert.Equal("true", Yaml.String(remoteWrite, "send_exemplars"));

        var prometheus = Yaml.Strings(Yaml.At(ComposeFile.Load().Services["prometheus"], "command"));
        Assert.Contains("--enable-feature=exemplar-storage", prometheus);
        Assert.Contains("--web.enable-remote-write-receiver", prometheus);
    }

    [Fact]
    public void Tempo_stores_traces_locally_inside_its_volume()
    {
        var tempo = Yaml.Load("otel/tempo.yaml");
        Assert.Equal("local", Yaml.String(tempo, "storage", "trace", "backend"));
        var paths = new[]
        {
            Yaml.String(tempo, "storage", "trace", "wal", "path"),
            Yaml.String(tempo, "storage", "trace", "local", "path"),
            Yaml.String(tempo, "metrics_generator", "storage", "path"),
            Yaml.String(tempo, "metrics_generator", "traces_storage", "path"),
        };
        Assert.All(paths, p => Assert.StartsWith("/var/tempo/", p, StringComparison.Ordinal));
        Assert.Contains("tempo-data:/var/tempo", Yaml.Strings(Yaml.At(ComposeFile.Load().Services["tempo"], "volumes")));
    }

    [Fact]
    public void Loki_accepts_OTLP_logs_with_structured_metadata()
    {
        var loki = Yaml.Load("otel/loki.yaml");
        Assert.Equal("true", Yaml.String(loki, "limits_config", "allow_structured_metadata"));
        Assert.Equal("false", Yaml.String(loki, "auth_enabled"));

        // Structured metadata (where OTLP puts trace_id) needs the tsdb store and schema v13 for the active period.
        var schemas = Yaml.ListOrEmpty(Yaml.At(loki, "schema_config", "configs"));
        var latest = schemas[^1];
        Assert.Equal("v13", Yaml.String(latest, "schema"));
        Assert.Equal("tsdb", Yaml.String(latest, "store"));
        Assert.Equal("filesystem", Yaml.String(latest, "object_store"));
        Assert.NotNull(Yaml.At(loki, "common", "storage", "filesystem"));
    }
}
