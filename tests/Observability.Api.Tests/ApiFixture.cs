using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using NATS.Client.KeyValueStore;
using Observability.Api.Orders;
using Observability.Contracts.Events;
using Observability.Contracts.Orders;
using Observability.Contracts.Topology;
using Observability.Orders.EventStore;
using Observability.ServiceDefaults;
using Observability.Testing;

namespace Observability.Api.Tests;

/// <summary>One nats-server and one API host for the collection; each test uses its own order ids.</summary>
public sealed class ApiFixture : IAsyncLifetime
{
    private NatsServer? _nats;
    private ApiFactory? _factory;

    public NatsServer Nats => _nats ?? throw new InvalidOperationException("fixture not initialized");

    public ApiFactory Factory => _factory ?? throw new InvalidOperationException("fixture not initialized");

    public HttpClient Client { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        _nats = await NatsServer.StartAsync();
        _factory = new ApiFactory(_nats.Url);
        Client = _factory.CreateClient();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await _factory.Services.GetRequiredService<TopologyInitializer>().Ready.WaitAsync(timeout.Token);
    }

    public async Task DisposeAsync()
    {
        Client?.Dispose();
        if (_factory is not null)
        {
            await _factory.DisposeAsync();
        }

        if (_nats is not null)
        {
            await _nats.DisposeAsync();
        }
    }

    public static string NewOrderId() => "t-" + Guid.NewGuid().ToString("N");

    public static string PlaceBody(string orderId, string customerId = "c-1", string currency = "EUR") =>
        $$"""{"orderId":"{{orderId}}","customerId":"{{customerId}}","currency":"{{currency}}","lines":[{"sku":"SKU-1","quantity":2,"unitPrice":10.5},{"sku":"SKU-2","quantity":1,"unitPrice":4}]}""";

    public Task<HttpResponseMessage> PostJsonAsync(string path, string json, CancellationToken cancellationToken) =>
        Client.PostAsync(path, new StringContent(json, Encoding.UTF8, "application/json"), cancellationToken);

    /// <summary>Places an order through the API and returns what the command answered.</summary>
    public async Task<CommandAccepted> PlaceAsync(string orderId, CancellationToken cancellationToken)
    {
        using var response = await PostJsonAsync("/orders", PlaceBody(orderId), cancellationToken);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<CommandAccepted>(cancellationToken))!;
    }

    /// <summary>Posts a lifecycle command and expects it accepted.</summary>
    public async Task<CommandAccepted> CommandAsync(string orderId, string action, CancellationToken cancellationToken)
    {
        using var response = await PostJsonAsync($"/orders/{orderId}/{action}", BodyFor(action), cancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<CommandAccepted>(cancellationToken))!;
    }

    public static string BodyFor(string action) => action switch
    {
        "payment/authorize" => "{}",
        "payment/decline" => """{"reason":"insufficient funds"}""",
        "ship" => """{"carrier":"DHL","trackingNumber":"TRK-1"}""",
        "cancel" => """{"reason":"changed my mind"}""",
        _ => throw new ArgumentOutOfRangeException(nameof(action), action, null),
    };

    public async Task<IReadOnlyList<StoredEvent>> HistoryAsync(string orderId, CancellationToken cancellationToken) =>
        await Factory.Services.GetRequiredService<OrderEventStore>().ReadAsync(orderId, cancellationToken);

    /// <summary>Writes a summary into the projection bucket, as the order-summary processor would.</summary>
    public async Task PutSummaryAsync(OrderSummary summary, CancellationToken cancellationToken)
    {
        var kv = Factory.Services.GetRequiredService<INatsKVContext>();
        var store = await kv.GetStoreAsync(Buckets.OrderSummaries, cancellationToken);
        await store.PutAsync(summary.OrderId, JsonSerializer.SerializeToUtf8Bytes(summary, KitJson.Default.OrderSummary), cancellationToken: cancellationToken);
    }

    public static OrderSummary Summary(string orderId, OrderStatus status, ulong lastApplied) => new()
    {
        OrderId = orderId,
        Status = status,
        CustomerId = "c-1",
        Total = 25m,
        Currency = "EUR",
        LineCount = 2,
        ItemCount = 3,
        UpdatedAt = DateTimeOffset.UtcNow,
        EventCount = 1,
        LastAppliedSequence = lastApplied,
    };

    /// <summary>Current value of a counter on /metrics (0 when not exported yet).</summary>
    public async Task<double> ScrapeAsync(string metric, string outcome, CancellationToken cancellationToken)
    {
        var text = await Client.GetStringAsync("/metrics", cancellationToken);
        var match = Regex.Match(text, $"^{Regex.Escape(metric)}\\{{outcome=\"{Regex.Escape(outcome)}\"\\}} (\\S+)", RegexOptions.Multiline);
        return match.Success ? double.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) : 0;
    }
}
