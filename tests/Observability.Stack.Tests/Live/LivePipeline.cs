using System.Text;
using System.Text.Json;
using NATS.Client.Core;
using NATS.Client.JetStream;
using NATS.Client.KeyValueStore;
using NATS.Net;
using Observability.Contracts.Events;
using Observability.Contracts.Faults;
using Observability.Contracts.Topology;
using Observability.Messaging.Topology;

namespace Observability.Stack.Tests.Live;

/// <summary>
/// The kit running for real on this machine, as scripts/run-local.sh runs it: a nats-server, the API, processors and
/// producer from their build output, a short load-simulator run, and a Prometheus scraping them all every second
/// with the kit's alert rules loaded. Started once for the live tests (the <see cref="LivePipelineCollection"/>).
/// </summary>
public sealed class LivePipeline : IAsyncLifetime
{
    public const string RunId = "live-test";
    private readonly List<ExternalProcess> _processes = [];

    public NatsServer Nats { get; private set; } = null!;
    public PrometheusServer Prometheus { get; private set; } = null!;
    public string ApiUrl { get; private set; } = "";

    /// <summary>Each service by its job name, with the base URL that serves its <c>/metrics</c>.</summary>
    public Dictionary<string, (ExternalProcess Process, string Url)> Services { get; } = new(StringComparer.Ordinal);

    public async Task InitializeAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        var ct = timeout.Token;
        Nats = await NatsServer.StartAsync(ct);

        var (api, apiUrl) = await KitService.StartAsync("Observability.Api", Nats.Url, cancellationToken: ct);
        _processes.Add(api);
        ApiUrl = apiUrl;
        var (processors, processorsUrl) = await KitService.StartAsync("Observability.Processors", Nats.Url,
            new Dictionary<string, string> { ["Processors__LagInterval"] = "00:00:01" }, ct);
        _processes.Add(processors);
        var (producer, producerUrl) = await KitService.StartAsync("Observability.Producer", Nats.Url, new Dictionary<string, string>
        {
            ["Producer__OrdersPerSecond"] = "20",
            ["Producer__ClicksPerSecond"] = "100",
            ["Producer__TimeScale"] = "0.1",
            ["Producer__Seed"] = "7",
        }, ct);
        _processes.Add(producer);
        Services["api"] = (api, apiUrl);
        Services["processors"] = (processors, processorsUrl);
        Services["producer"] = (producer, producerUrl);

        var loadsimPort = NatsServer.FreePort();
        var reports = Path.Combine(Path.GetTempPath(), "kit-live-reports-" + Guid.NewGuid().ToString("N"));
        var loadsim = ExternalProcess.Start("dotnet",
        [
            KitService.FindBuildOutput("simulators", "Observability.LoadSimulator", "loadsim"),
            "run", "demo-sleep", "--rate", "20", "--duration", "60s", "--run-id", RunId, "--no-live",
            "--metrics-port", loadsimPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--metrics-linger", "60s", "--report-folder", reports,
        ]);
        _processes.Add(loadsim);
        Services["loadsim"] = (loadsim, $"http://127.0.0.1:{loadsimPort}");
        var (exporter, exporterUrl) = await Support.BrokerExporterProcess.StartAsync(Nats.MonitorUrl, ct);
        _processes.Add(exporter);
        Services["nats"] = (exporter, exporterUrl);

        Prometheus = await PrometheusServer.StartAsync(
            new Dictionary<string, string[]>
            {
                ["api"] = [HostPort(apiUrl)],
                ["processors"] = [HostPort(processorsUrl)],
                ["producer"] = [HostPort(producerUrl)],
                ["loadsim"] = [$"127.0.0.1:{loadsimPort}"],
                ["nats"] = [HostPort(exporterUrl)],
            },
            [RepositoryRoot.Combine("prometheus", "rules", "kit-alerts.yml")],
            ct);

        await PublishPoisonAsync(ct);
        await SetHarmlessFaultAsync(ct);
    }

    /// <summary>A 1 ms slow switch on the engagement consumer, a few hundred times: the fault panels get real series.</summary>
    private async Task SetHarmlessFaultAsync(CancellationToken cancellationToken)
    {
        await using var client = Nats.CreateClient("live-test");
        var js = client.CreateJetStreamContext();
        // Idempotent: the bucket exists once the services' topology is complete; this makes sure without waiting for it.
        await JetStreamTopology.EnsureAsync(js, TopologyOptions.Default, cancellationToken);
        var faults = await new NatsKVContext(js).GetStoreAsync(Buckets.Faults, cancellationToken);
        var fault = new FaultSwitch
        {
            Id = "live-test-slow",
            Kind = FaultKinds.Slow,
            Consumer = Consumers.Engagement,
            Delay = TimeSpan.FromMilliseconds(1),
            Amount = 500,
            CreatedAt = DateTimeOffset.UtcNow,
            ExpiresAt = DateTimeOffset.UtcNow.AddMinutes(10),
            SetBy = "live-test",
        };
        await faults.PutAsync(fault.Id, JsonSerializer.SerializeToUtf8Bytes(fault, KitJson.Default.FaultSwitch), cancellationToken: cancellationToken);
    }

    /// <summary>An order event that is not JSON: it must end in DEADLETTER, so the dead-letter panels have a real series.</summary>
    private async Task PublishPoisonAsync(CancellationToken cancellationToken)
    {
        await using var client = Nats.CreateClient("live-test");
        var js = client.CreateJetStreamContext();
        var headers = new NatsHeaders
        {
            [MessageHeaders.SpecVersion] = "1.0",
            [MessageHeaders.Id] = "poison-" + Guid.NewGuid().ToString("N"),
            [MessageHeaders.Type] = "orders.order-placed.v1",
            [MessageHeaders.Source] = "/live-test",
            [MessageHeaders.Time] = DateTimeOffset.UtcNow.ToString("O"),
        };
        var ack = await js.PublishAsync(Subjects.Order("poison-" + Guid.NewGuid().ToString("N")), Encoding.UTF8.GetBytes("{not json"), headers: headers, cancellationToken: cancellationToken);
        ack.EnsureSuccess();
    }

    private static string HostPort(string url) => new Uri(url).Authority;

    public async Task DisposeAsync()
    {
        foreach (var process in _processes)
        {
            await process.DisposeAsync();
        }

        if (Prometheus is not null)
        {
            await Prometheus.DisposeAsync();
        }

        if (Nats is not null)
        {
            await Nats.DisposeAsync();
        }
    }
}
