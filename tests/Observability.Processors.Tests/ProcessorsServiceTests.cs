using System.Globalization;
using System.Text.RegularExpressions;
using NATS.Net;
using Observability.Contracts.Orders;
using Observability.Messaging.Publishing;
using Observability.Messaging.Topology;
using Observability.Testing;

namespace Observability.Processors.Tests;

/// <summary>The processors service as a real process against its own nats-server, observed through /metrics.</summary>
public sealed partial class ProcessorsServiceTests : IAsyncLifetime
{
    private readonly CancellationTokenSource _timeout = new(TimeSpan.FromSeconds(60));
    private NatsServer _server = null!;
    private NatsClient _client = null!;

    private CancellationToken Token => _timeout.Token;

    public async Task InitializeAsync()
    {
        _server = await NatsServer.StartAsync(Token);
        _client = _server.CreateClient();
        await JetStreamTopology.EnsureAsync(_client.CreateJetStreamContext(), TopologyOptions.Default, Token);
    }

    public async Task DisposeAsync()
    {
        await _client.DisposeAsync();
        await _server.DisposeAsync();
        _timeout.Dispose();
    }

    [Fact]
    public async Task Orders_published_while_the_projection_is_stopped_show_as_lag_on_metrics_then_it_drains_to_zero()
    {
        var publisher = new EventPublisher(_client.CreateJetStreamContext());
        for (var i = 0; i < 20; i++)
        {
            await publisher.PublishAsync(new OrderPlaced($"svc-{i}", "c-1", [new OrderLine("A", 1, 10m)], 10m, "EUR", DateTimeOffset.UtcNow), cancellationToken: Token);
        }

        using var http = new HttpClient();
        var fast = new Dictionary<string, string> { ["Processors__LagInterval"] = "00:00:00.200" };

        // Only the lag monitor: nothing consumes, so the backlog stays.
        var (monitorOnly, monitorUrl) = await KitService.StartAsync("Observability.Processors", _server.Url,
            new Dictionary<string, string>(fast) { ["Processors__Roles__0"] = ProcessorRoles.LagMonitor }, Token);
        await using (monitorOnly)
        {
            var metrics = await Eventually.UntilAsync(() => http.GetStringAsync(monitorUrl + "/metrics", Token),
                m => Value(m, "kit_consumer_lag_seconds", "ORDERS", "order-summary") > 0, because: "the lag monitor reports the backlog");
            Assert.Equal(20, Value(metrics, "kit_consumer_pending_messages", "ORDERS", "order-summary"));
            Assert.Equal(20, Value(metrics, "kit_consumer_lag_messages", "ORDERS", "order-summary"));
        }

        // Every role: the projection drains the backlog.
        var (all, url) = await KitService.StartAsync("Observability.Processors", _server.Url, fast, Token);
        await using (all)
        {
            var metrics = await Eventually.UntilAsync(() => http.GetStringAsync(url + "/metrics", Token),
                m => Value(m, "kit_consumer_lag_messages", "ORDERS", "order-summary") == 0
                    && Value(m, "kit_consumer_pending_messages", "ORDERS", "order-summary") == 0,
                because: "the projection catches up");
            Assert.Equal(0, Value(metrics, "kit_consumer_lag_seconds", "ORDERS", "order-summary"));
            Assert.Contains("kit_messages_processed_total{stream=\"ORDERS\",consumer=\"order-summary\",event_type=\"orders.order-placed.v1\",outcome=\"acked\"} 20", metrics);
            Assert.Contains("kit_processing_duration_seconds_count{stream=\"ORDERS\",consumer=\"order-summary\",event_type=\"orders.order-placed.v1\"} 20", metrics);
            Assert.Contains("kit_order_revenue_total{currency=\"EUR\"} 200", metrics);
            Assert.Equal("Healthy", (await http.GetStringAsync(url + "/alive", Token)).Trim());
        }
    }

    /// <summary>A labelled sample's value in Prometheus text format, or -1 when absent.</summary>
    private static double Value(string metrics, string name, string stream, string consumer)
    {
        var match = Regex.Match(metrics, $"^{Regex.Escape(name)}\\{{stream=\"{stream}\",consumer=\"{consumer}\"\\}} (\\S+)", RegexOptions.Multiline);
        return match.Success ? double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture) : -1;
    }
}
