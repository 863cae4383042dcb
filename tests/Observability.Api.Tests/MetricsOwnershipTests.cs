using System.Net;
using System.Text;
using Observability.Testing;

namespace Observability.Api.Tests;

/// <summary>
/// Each service exports its own metrics only: the API, which publishes, shows the publisher's series and none of the
/// processors' (business analytics, consumer lag), which would read as zeros beside the real ones on a dashboard.
/// Real processes, so no two components share one metrics registry as they would in one test process.
/// </summary>
public sealed class MetricsOwnershipTests : IAsyncLifetime
{
    private readonly CancellationTokenSource _timeout = new(TimeSpan.FromMinutes(2));
    private PipelineProcesses _pipeline = null!;

    private CancellationToken Token => _timeout.Token;

    public async Task InitializeAsync() => _pipeline = await PipelineProcesses.StartAsync(Token);

    public async Task DisposeAsync()
    {
        await _pipeline.DisposeAsync();
        _timeout.Dispose();
    }

    [Fact]
    public async Task The_api_exports_the_publisher_metrics_and_not_the_processors()
    {
        using var http = new HttpClient();
        var orderId = "own-" + Guid.NewGuid().ToString("N")[..12];
        using var placed = await http.PostAsync(
            _pipeline.ApiUrl + "/orders", new StringContent(ApiFixture.PlaceBody(orderId), Encoding.UTF8, "application/json"), Token);
        Assert.Equal(HttpStatusCode.Created, placed.StatusCode);

        var processors = await Eventually.UntilAsync(
            () => http.GetStringAsync(_pipeline.ProcessorsUrl + "/metrics", Token),
            text => text.Contains("kit_order_revenue_total{", StringComparison.Ordinal) && text.Contains("kit_messages_processed_total{", StringComparison.Ordinal),
            because: "the processors apply the order, count its revenue and ack it");
        var api = await http.GetStringAsync(_pipeline.ApiUrl + "/metrics", Token);

        Assert.Contains("kit_events_published_total{", api, StringComparison.Ordinal);
        foreach (var foreign in new[] { "kit_order_revenue_total", "kit_orders_by_status_total", "kit_engagement_window_sessions", "kit_engagement_windows_closed_total", "kit_consumer_lag_messages", "kit_messages_processed_total" })
        {
            Assert.DoesNotContain(foreign, api, StringComparison.Ordinal);
        }

        Assert.Contains("kit_engagement_window_sessions", processors, StringComparison.Ordinal);
    }
}
