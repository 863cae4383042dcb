using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using Observability.Api.Orders;
using Observability.Contracts.Orders;
using Observability.Contracts.Topology;
using Observability.Messaging.Telemetry;
using Observability.Testing;

namespace Observability.Api.Tests;

/// <summary>
/// The API and the real processors (order-summary projection) in-process against one nats-server of their own: the
/// read-your-writes path with a real projection, and one trace from the HTTP command to the projection.
/// </summary>
// In the api collection, not beside it: the read-your-writes outcome counters are process-wide, and the collection's
// tests assert exact increments of them.
[Collection(ApiCollection.Name)]
public sealed class EndToEndTests : IAsyncLifetime
{
    private readonly CancellationTokenSource _timeout = new(TimeSpan.FromSeconds(30));
    private InProcessPipeline _pipeline = null!;
    private HttpClient _client = null!;

    public async Task InitializeAsync()
    {
        _pipeline = await InProcessPipeline.StartAsync(_timeout.Token);
        _client = _pipeline.Client;
    }

    public async Task DisposeAsync()
    {
        await _pipeline.DisposeAsync();
        _timeout.Dispose();
    }

    [Fact]
    public async Task A_placed_order_is_read_fresh_from_the_real_projection_in_one_trace_from_http_to_projection()
    {
        using var capture = new ActivityCapture("Microsoft.AspNetCore", KitActivities.SourceName);
        var orderId = ApiFixture.NewOrderId();

        using var place = await _client.PostAsync(
            "/orders", new StringContent(ApiFixture.PlaceBody(orderId), System.Text.Encoding.UTF8, "application/json"), _timeout.Token);
        Assert.Equal(HttpStatusCode.Created, place.StatusCode);
        var accepted = (await place.Content.ReadFromJsonAsync<CommandAccepted>(_timeout.Token))!;
        using var read = await _client.GetAsync($"/orders/{orderId}?minSequence={accepted.Sequence}&wait=10000", _timeout.Token);

        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        Assert.Equal("fresh", Assert.Single(read.Headers.GetValues(ConsistencyHeaders.Consistency)));
        var summary = (await read.Content.ReadFromJsonAsync<OrderSummary>(TestJson.Options, _timeout.Token))!;
        Assert.Equal(OrderStatus.Placed, summary.Status);
        Assert.Equal(accepted.Sequence, summary.LastAppliedSequence);
        Assert.Equal(25m, summary.Total);

        // One trace: HTTP server span -> publish (Producer) -> process (Consumer), across the broker.
        var publish = await Eventually.UntilAsync(
            () => Task.FromResult(capture.Stopped.FirstOrDefault(a => a.Kind == ActivityKind.Producer && Equals(a.GetTagItem(KitActivities.MessageId), accepted.EventId))),
            a => a is not null, TimeSpan.FromSeconds(10), "publish span");
        var process = await Eventually.UntilAsync(
            () => Task.FromResult(capture.Stopped.FirstOrDefault(a => a.Kind == ActivityKind.Consumer && Equals(a.GetTagItem(KitActivities.MessageId), accepted.EventId))),
            a => a is not null, TimeSpan.FromSeconds(10), "process span");
        var server = Assert.Single(capture.Stopped, a => a.SpanId == publish!.ParentSpanId);

        Assert.Equal("Microsoft.AspNetCore", server.Source.Name);
        Assert.Equal(ActivityKind.Server, server.Kind);
        Assert.Equal(orderId, server.GetTagItem(IOrderEvent.KeyAttribute));

        Assert.Equal($"publish {Subjects.OrdersTemplate}", publish!.DisplayName);
        Assert.Equal(server.TraceId, publish.TraceId);

        Assert.Equal($"process {Subjects.OrdersTemplate}", process!.DisplayName);
        Assert.Equal(server.TraceId, process.TraceId);
        Assert.Equal(publish.SpanId, process.ParentSpanId);

        foreach (var span in new[] { publish, process })
        {
            Assert.Equal("nats", span.GetTagItem(KitActivities.MessagingSystem));
            Assert.Equal(Subjects.Order(orderId), span.GetTagItem(KitActivities.DestinationName));
            Assert.Equal(accepted.EventId, span.GetTagItem(KitActivities.MessageId));
        }

        Assert.Equal(Consumers.OrderSummary, process.GetTagItem(KitActivities.ConsumerGroup));
    }
}
