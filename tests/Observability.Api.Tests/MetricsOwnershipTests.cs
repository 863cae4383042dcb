using System.Net;
using System.Text;
using Observability.Testing;

namespace Observability.Api.Tests;

/// <summary>
/// Each service exports its own metrics only: the API, which publishes, shows the publisher's series and none of the
/// processors' (business analytics, consumer lag), which would read as zeros beside the real ones on a dashboard.
/// Real processes, so no two components share one metrics registry as they would in one test process.
/// </summary>
public sealed class MetricsOwnershipTests
{
    [Fact]
    public async Task The_api_exports_the_publisher_metrics_and_not_the_processors()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        var token = timeout.Token;
        await using var pipeline = await PipelineProcesses.StartAsync(token);
        using var http = new HttpClient();
        var orderId = "own-" + Guid.NewGuid().ToString("N")[..12];
        using var placed = await http.PostAsync(
            pipeline.ApiUrl + "/orders", new StringContent(ApiFixture.PlaceBody(orderId), Encoding.UTF8, "application/json"), token);
        Assert.Equal(HttpStatusCode.Created, placed.StatusCode);

        var processors = await Eventually.UntilAsync(
            () => http.GetStringAsync(pipeline.ProcessorsUrl + "/metrics", token),
            text => text.Contains("kit_order_revenue_total{", StringComparison.Ordinal) && text.Contains("kit_messages_processed_total{", StringComparison.Ordinal),
            because: "the processors apply the order, count its revenue and ack it");
        var api = await http.GetStringAsync(pipeline.ApiUrl + "/metrics", token);

        Assert.Contains("kit_events_published_total{", api, StringComparison.Ordinal);
        foreach (var foreign in new[] { "kit_order_revenue_total", "kit_orders_by_status_total", "kit_engagement_window_sessions", "kit_engagement_windows_closed_total", "kit_consumer_lag_messages", "kit_messages_processed_total" })
        {
            Assert.DoesNotContain(foreign, api, StringComparison.Ordinal);
        }

        Assert.Contains("kit_engagement_window_sessions", processors, StringComparison.Ordinal);
    }
}
