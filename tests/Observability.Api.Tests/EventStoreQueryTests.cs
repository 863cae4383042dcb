using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Observability.Api.Orders;
using Observability.Api.Problems;
using Observability.Contracts.Orders;

namespace Observability.Api.Tests;

[Collection(ApiCollection.Name)]
public sealed class EventStoreQueryTests(ApiFixture api) : IDisposable
{
    private readonly CancellationTokenSource _timeout = new(TimeSpan.FromSeconds(30));

    public void Dispose() => _timeout.Dispose();

    [Fact]
    public async Task History_returns_every_event_the_store_holds_in_order_with_ids_times_and_payload()
    {
        var orderId = ApiFixture.NewOrderId();
        await api.PlaceAsync(orderId, _timeout.Token);
        await api.CommandAsync(orderId, "payment/authorize", _timeout.Token);
        await api.CommandAsync(orderId, "ship", _timeout.Token);
        var stored = await api.HistoryAsync(orderId, _timeout.Token);

        var history = (await api.Client.GetFromJsonAsync<JsonElement[]>($"/orders/{orderId}/history", _timeout.Token))!;

        Assert.Equal(stored.Select(s => s.Sequence), history.Select(h => h.GetProperty("sequence").GetUInt64()));
        Assert.Equal(stored.Select(s => s.EventId), history.Select(h => h.GetProperty("eventId").GetString()));
        Assert.Equal(["orders.order-placed.v1", "orders.payment-authorized.v1", "orders.order-shipped.v1"], history.Select(h => h.GetProperty("type").GetString()));
        Assert.All(history, h => Assert.Equal(orderId, h.GetProperty("data").GetProperty("orderId").GetString()));
        Assert.Equal(2, history[0].GetProperty("data").GetProperty("lines").GetArrayLength());
        Assert.Equal("TRK-1", history[2].GetProperty("data").GetProperty("trackingNumber").GetString());
        Assert.All(history, h => Assert.True(h.GetProperty("storedAt").GetDateTimeOffset() >= h.GetProperty("occurredAt").GetDateTimeOffset().AddSeconds(-5)));
    }

    [Fact]
    public async Task State_now_is_the_fold_of_all_events_and_as_of_a_time_folds_only_the_events_up_to_it()
    {
        var orderId = ApiFixture.NewOrderId();
        await api.PlaceAsync(orderId, _timeout.Token);
        var authorized = await api.CommandAsync(orderId, "payment/authorize", _timeout.Token);
        await api.CommandAsync(orderId, "ship", _timeout.Token);
        var history = await api.HistoryAsync(orderId, _timeout.Token);
        var afterAuthorize = Uri.EscapeDataString(history[1].Event.OccurredAt.ToString("O"));

        var now = (await api.Client.GetFromJsonAsync<OrderStateResponse>($"/orders/{orderId}/state", TestJson.Options, _timeout.Token))!;
        var then = (await api.Client.GetFromJsonAsync<OrderStateResponse>($"/orders/{orderId}/state?asOf={afterAuthorize}", TestJson.Options, _timeout.Token))!;

        Assert.Equal(OrderStatus.Shipped, now.Status);
        Assert.Equal(3, now.EventCount);
        Assert.Equal("DHL", now.Carrier);
        Assert.Equal(OrderStatus.PaymentAuthorized, then.Status);
        Assert.Equal(authorized.Sequence, then.Version);
        Assert.Equal(2, then.EventCount);
        Assert.Equal(25m, then.Total);
        Assert.NotNull(then.AsOf);
    }

    [Fact]
    public async Task State_as_of_a_time_before_the_order_existed_is_404()
    {
        var orderId = ApiFixture.NewOrderId();
        await api.PlaceAsync(orderId, _timeout.Token);

        using var response = await api.Client.GetAsync($"/orders/{orderId}/state?asOf=2000-01-01T00:00:00Z", _timeout.Token);

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.NotFound, ProblemTypes.NotFound);
    }

    [Theory]
    [InlineData("yesterday")]
    [InlineData("2026-13-45T00:00:00Z")]
    [InlineData("2026-11-27T10:00:00+01:00")] // '+' unencoded arrives as a space
    [InlineData("12/27/2026")]
    public async Task An_unparsable_as_of_is_a_400_validation_problem(string asOf)
    {
        var orderId = ApiFixture.NewOrderId();
        await api.PlaceAsync(orderId, _timeout.Token);

        using var response = await api.Client.GetAsync($"/orders/{orderId}/state?asOf={asOf}", _timeout.Token);

        Assert.Contains("asOf", (await ProblemAssert.IsValidationProblemAsync(response)).Keys);
    }

    [Fact]
    public async Task An_encoded_offset_in_as_of_is_understood()
    {
        var orderId = ApiFixture.NewOrderId();
        await api.PlaceAsync(orderId, _timeout.Token);
        var later = Uri.EscapeDataString(DateTimeOffset.UtcNow.AddHours(1).ToOffset(TimeSpan.FromHours(2)).ToString("yyyy-MM-ddTHH:mm:sszzz"));

        using var response = await api.Client.GetAsync($"/orders/{orderId}/state?asOf={later}", _timeout.Token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task History_and_state_of_an_unknown_order_are_404()
    {
        var orderId = ApiFixture.NewOrderId();

        using var history = await api.Client.GetAsync($"/orders/{orderId}/history", _timeout.Token);
        using var state = await api.Client.GetAsync($"/orders/{orderId}/state", _timeout.Token);

        await ProblemAssert.IsProblemAsync(history, HttpStatusCode.NotFound, ProblemTypes.NotFound);
        await ProblemAssert.IsProblemAsync(state, HttpStatusCode.NotFound, ProblemTypes.NotFound);
    }
}
