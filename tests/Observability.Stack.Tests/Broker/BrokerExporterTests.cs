using NATS.Client.JetStream;
using NATS.Client.JetStream.Models;
using NATS.Net;
using Observability.Stack.Tests.Support;

namespace Observability.Stack.Tests.Broker;

/// <summary>
/// The broker exporter against real nats-server processes (2.9.10 here, the minimum supported): a single node, and a
/// three-node cluster with an R3 stream whose leader is killed.
/// </summary>
public sealed class BrokerExporterTests : IDisposable
{
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(10) };

    public void Dispose() => _http.Dispose();

    [Fact]
    public async Task A_single_server_reports_its_traffic_connections_JetStream_use_and_each_stream()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await using var nats = await NatsServer.StartAsync(timeout.Token);
        var stream = "BROKER_" + Guid.NewGuid().ToString("N")[..8].ToUpperInvariant();
        await using var client = nats.CreateClient("broker-test");
        var js = client.CreateJetStreamContext();
        await js.CreateStreamAsync(new StreamConfig(stream, [stream.ToLowerInvariant() + ".>"]), timeout.Token);
        await js.CreateOrUpdateConsumerAsync(stream, new ConsumerConfig("reader"), timeout.Token);
        for (var i = 0; i < 5; i++)
        {
            (await js.PublishAsync(stream.ToLowerInvariant() + ".x", new string('a', 100), cancellationToken: timeout.Token)).EnsureSuccess();
        }

        var (exporter, url) = await BrokerExporterProcess.StartAsync(nats.MonitorUrl, timeout.Token);
        await using (exporter)
        {
            var server = ("server", $"127.0.0.1:{nats.MonitorPort}");
            var metrics = await ScrapeAsync(url);
            Assert.Equal(1, metrics.Value("nats_server_up", server));
            Assert.Equal(5, metrics.Value("nats_stream_messages", ("stream", stream)));
            Assert.True(metrics.Value("nats_stream_bytes", ("stream", stream)) > 500);
            Assert.Equal(1, metrics.Value("nats_stream_consumers", ("stream", stream)));
            Assert.Equal(1, metrics.Value("nats_stream_replicas", ("stream", stream)));
            Assert.Equal(1, metrics.Value("nats_stream_replicas_current", ("stream", stream)));
            Assert.Equal(0, metrics.Value("nats_stream_replicas_lagging", ("stream", stream)));
            Assert.Equal(1, metrics.Value("nats_stream_has_leader", ("stream", stream)));
            Assert.Equal(1, metrics.Value("nats_server_client_connections", server, ("client", "broker-test")));
            Assert.True(metrics.Value("nats_server_connections", server) >= 1);
            Assert.True(metrics.Value("nats_server_received_messages_total", server) >= 5);
            Assert.True(metrics.Value("nats_jetstream_storage_used_bytes", server) > 500);
            Assert.True(metrics.Value("nats_jetstream_storage_limit_bytes", server) > 0);
            Assert.Equal("2.9.10", Assert.Single(metrics.Series("nats_server_info", server)).Labels["version"]);

            // A stream deleted since the last scrape loses its series.
            await js.DeleteStreamAsync(stream, timeout.Token);
            Assert.Null((await ScrapeAsync(url)).Value("nats_stream_messages", ("stream", stream)));
            await AssertPromtoolCleanAsync(await _http.GetStringAsync(new Uri(url + "/metrics")));
        }
    }

    [Fact]
    public async Task In_a_cluster_a_killed_stream_leader_shows_as_down_and_the_stream_gets_a_new_leader_with_a_lagging_replica()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        await using var cluster = await NatsCluster.StartAsync(timeout.Token);
        await using var client = cluster.CreateClient("broker-test");
        var js = client.CreateJetStreamContext();
        await Eventually.UntilAsync(async () =>
        {
            try
            {
                await js.CreateStreamAsync(new StreamConfig("R3TEST", ["r3test.>"]) { NumReplicas = 3 }, timeout.Token);
                return true;
            }
            catch (NatsJSApiException)
            {
                return false; // the meta group may still be electing its leader
            }
        }, TimeSpan.FromSeconds(30), "the cluster to accept an R3 stream");
        (await js.PublishAsync("r3test.a", "one", cancellationToken: timeout.Token)).EnsureSuccess();

        var (exporter, url) = await BrokerExporterProcess.StartAsync(string.Join(',', cluster.Nodes.Select(n => $"http://127.0.0.1:{n.MonitorPort}")), timeout.Token);
        await using (exporter)
        {
            var healthy = await Eventually.UntilAsync(() => ScrapeAsync(url),
                m => m.Value("nats_stream_replicas_current", ("stream", "R3TEST")) == 3, TimeSpan.FromSeconds(30), "all three replicas current");
            Assert.Equal(3, healthy.Value("nats_stream_replicas", ("stream", "R3TEST")));
            Assert.Equal(0, healthy.Value("nats_stream_replicas_lagging", ("stream", "R3TEST")));
            Assert.Equal(1, healthy.Value("nats_stream_messages", ("stream", "R3TEST")));
            Assert.All(cluster.Nodes, n => Assert.Equal(2, healthy.Value("nats_server_routes", ("server", MonitorAddress(n)))));
            var leader = Assert.Single(healthy.Series("nats_stream_leader", ("stream", "R3TEST"))).Labels["leader"];
            var leaderNode = cluster.Node(leader);

            await leaderNode.KillAsync();

            var failedOver = await Eventually.UntilAsync(() => ScrapeAsync(url),
                m => m.Series("nats_stream_leader", ("stream", "R3TEST")) is [var l] && l.Labels["leader"] != leader
                     && m.Value("nats_stream_replicas_lagging", ("stream", "R3TEST")) == 1,
                TimeSpan.FromSeconds(60), "a new leader, and the killed node's replica counted as lagging");
            Assert.Equal(0, failedOver.Value("nats_server_up", ("server", MonitorAddress(leaderNode))));
            Assert.Equal(2, failedOver.Value("nats_stream_replicas_current", ("stream", "R3TEST")));
            Assert.Equal(1, failedOver.Value("nats_stream_has_leader", ("stream", "R3TEST")));
        }
    }

    private static string MonitorAddress(NatsClusterNode node) => $"127.0.0.1:{node.MonitorPort}";

    private async Task<Exposition> ScrapeAsync(string url) => new(await _http.GetStringAsync(new Uri(url + "/metrics")));

    private static async Task AssertPromtoolCleanAsync(string exposition)
    {
        var file = Path.GetTempFileName();
        try
        {
            await File.WriteAllTextAsync(file, exposition);
            var result = await ExternalTool.RunAsync("sh", ["-c", $"{ExternalTool.Require("promtool")} check metrics < '{file}'"]);
            Assert.True(result.ExitCode == 0 && (result.StandardOutput + result.StandardError).Trim().Length == 0, result.Describe());
        }
        finally
        {
            File.Delete(file);
        }
    }
}
