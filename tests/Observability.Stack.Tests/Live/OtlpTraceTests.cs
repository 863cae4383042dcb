using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using Observability.Stack.Tests.Support;

namespace Observability.Stack.Tests.Live;

/// <summary>
/// The OTLP path, end to end: the real API and processors export over OTLP/gRPC to a real receiver (the Aspire
/// dashboard of the no-Docker twin), and one order's trace read back from its API spans
/// HTTP POST (Server) -> publish (Producer) -> process (Consumer), in one trace, across two services.
/// </summary>
public sealed class OtlpTraceTests(ObservabilityTwin twin) : IClassFixture<ObservabilityTwin>, IAsyncLifetime
{
    private const int Server = 2;
    private const int Producer = 4;
    private const int Consumer = 5;
    private readonly List<ExternalProcess> _services = [];
    private NatsServer _nats = null!;
    private string _apiUrl = "";

    public async Task InitializeAsync()
    {
        await twin.WaitUntilReadyAsync();
        _nats = await NatsServer.StartAsync();
        var otlp = new Dictionary<string, string>
        {
            ["OTEL_EXPORTER_OTLP_ENDPOINT"] = twin.OtlpGrpcEndpoint,
            ["OTEL_BSP_SCHEDULE_DELAY"] = "500",
        };
        var (api, apiUrl) = await KitService.StartAsync("Observability.Api", _nats.Url, otlp);
        _services.Add(api);
        _apiUrl = apiUrl;
        var (processors, _) = await KitService.StartAsync("Observability.Processors", _nats.Url, otlp);
        _services.Add(processors);
    }

    [Fact]
    public async Task One_orders_trace_spans_the_http_request_the_publish_and_the_processing_in_the_otlp_receiver()
    {
        using var http = new HttpClient();
        var traceId = ActivityTraceId.CreateRandom().ToHexString();
        var orderId = "otlp-" + Guid.NewGuid().ToString("N")[..12];
        using var request = new HttpRequestMessage(HttpMethod.Post, $"{_apiUrl}/orders")
        {
            Content = JsonContent.Create(new
            {
                orderId,
                customerId = "cust-otlp",
                currency = "EUR",
                lines = new[] { new { sku = "SKU-1", quantity = 1, unitPrice = 5.0m } },
            }),
        };
        // The caller starts the trace, as an instrumented client would.
        request.Headers.Add("traceparent", $"00-{traceId}-{ActivitySpanId.CreateRandom().ToHexString()}-01");
        using var response = await http.SendAsync(request);
        Assert.True(response.IsSuccessStatusCode, $"POST /orders answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");

        var spans = await Eventually.UntilAsync(
            () => ReadTraceAsync(http, traceId),
            s => s.Any(x => x.Kind == Consumer),
            TimeSpan.FromSeconds(30),
            "the processors' process span to reach the OTLP receiver");

        var server = Assert.Single(spans, s => s.Kind == Server && s.Service == "api");
        var publish = Assert.Single(spans, s => s.Kind == Producer && s.Name == "publish orders.{order_id}");
        var process = Assert.Single(spans, s => s.Kind == Consumer && s.Name == "process orders.{order_id}");
        Assert.Equal("api", publish.Service);
        Assert.Equal("processors", process.Service);
        Assert.True(IsAncestor(spans, server, publish), "the publish span descends from the HTTP server span");
        Assert.Equal(publish.SpanId, process.ParentSpanId);
        Assert.Equal("nats", process.Attributes.GetValueOrDefault("messaging.system"));
        Assert.Equal("order-summary", process.Attributes.GetValueOrDefault("messaging.consumer.group.name"));
        Assert.Equal($"orders.{orderId}", process.Attributes.GetValueOrDefault("messaging.destination.name"));
        Assert.False(string.IsNullOrEmpty(process.Attributes.GetValueOrDefault("messaging.message.id")));
    }

    private static bool IsAncestor(IReadOnlyList<Span> spans, Span ancestor, Span span)
    {
        var current = span;
        for (var i = 0; i < spans.Count && current is not null; i++)
        {
            if (current.ParentSpanId == ancestor.SpanId)
            {
                return true;
            }

            current = spans.FirstOrDefault(s => s.SpanId == current.ParentSpanId);
        }

        return false;
    }

    /// <summary>The trace's spans from the dashboard's OTLP-JSON API, or none yet.</summary>
    private async Task<IReadOnlyList<Span>> ReadTraceAsync(HttpClient http, string traceId)
    {
        using var response = await http.GetAsync($"{twin.DashboardUrl}/api/telemetry/traces/{traceId}");
        if (!response.IsSuccessStatusCode)
        {
            return [];
        }

        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        var spans = new List<Span>();
        if (!body.TryGetProperty("data", out var data) || !data.TryGetProperty("resourceSpans", out var resourceSpans))
        {
            return spans;
        }

        foreach (var resource in resourceSpans.EnumerateArray())
        {
            var service = Attributes(resource.GetProperty("resource")).GetValueOrDefault("service.name") ?? "";
            foreach (var scope in resource.GetProperty("scopeSpans").EnumerateArray())
            {
                foreach (var span in scope.GetProperty("spans").EnumerateArray())
                {
                    spans.Add(new Span(
                        service,
                        span.GetProperty("name").GetString() ?? "",
                        span.TryGetProperty("kind", out var kind) ? kind.GetInt32() : 0,
                        span.GetProperty("spanId").GetString() ?? "",
                        span.TryGetProperty("parentSpanId", out var parent) ? parent.GetString() ?? "" : "",
                        Attributes(span)));
                }
            }
        }

        return spans;
    }

    private static Dictionary<string, string?> Attributes(JsonElement owner)
    {
        var result = new Dictionary<string, string?>();
        if (owner.TryGetProperty("attributes", out var attributes))
        {
            foreach (var a in attributes.EnumerateArray())
            {
                var value = a.GetProperty("value");
                result[a.GetProperty("key").GetString()!] = value.EnumerateObject().Select(p => p.Value.ToString()).FirstOrDefault();
            }
        }

        return result;
    }

    public async Task DisposeAsync()
    {
        foreach (var service in _services)
        {
            await service.DisposeAsync();
        }

        await _nats.DisposeAsync();
    }

    private sealed record Span(string Service, string Name, int Kind, string SpanId, string ParentSpanId, Dictionary<string, string?> Attributes);
}
