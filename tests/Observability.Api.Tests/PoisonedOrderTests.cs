using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using NATS.Client.Core;
using NATS.Client.JetStream;
using NATS.Net;
using Observability.Api.Orders;
using Observability.Contracts.Orders;
using Observability.Contracts.Topology;
using Observability.Messaging.DeadLetters;
using Observability.Testing;

namespace Observability.Api.Tests;

/// <summary>
/// A message on an order's subject that the kit cannot read (written around its publisher; ORDERS denies delete and
/// purge, so it stays) must not break the order: history and state show it for what it is, commands go ahead without
/// it, and the read side says the order has a dead-lettered event instead of "pending". Never a 500.
/// </summary>
// In the api collection, not beside it: the read-your-writes outcome counters are process-wide, and the collection's
// tests assert exact increments of them.
[Collection(ApiCollection.Name)]
public sealed class PoisonedOrderTests : IAsyncLifetime
{
    private readonly CancellationTokenSource _timeout = new(TimeSpan.FromSeconds(60));
    private InProcessPipeline _pipeline = null!;
    private HttpClient _client = null!;

    public static TheoryData<string> Poisons => ["unknown-type", "garbage-payload", "no-headers"];

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

    [Theory]
    [MemberData(nameof(Poisons))]
    public async Task A_poison_message_before_the_order_exists_is_shown_and_the_order_can_still_be_placed_and_paid(string poison)
    {
        var orderId = ApiFixture.NewOrderId();
        var (poisonSequence, reason) = await PublishPoisonAsync(orderId, poison);

        var history = await GetOkAsync<List<OrderHistoryEntry>>($"/orders/{orderId}/history");
        var entry = Assert.Single(history);
        Assert.Equal(poisonSequence, entry.Sequence);
        Assert.False(entry.Readable);
        Assert.Equal(reason, entry.DeadLetterReason);
        Assert.False(string.IsNullOrEmpty(entry.Detail));

        var state = await GetOkAsync<OrderStateResponse>($"/orders/{orderId}/state");
        Assert.Equal(OrderStatus.None, state.Status);
        Assert.Equal(poisonSequence, Assert.Single(state.UnreadableEvents).Sequence);

        // The read side learns of the dead letter: an answer that says so, not "pending" forever.
        var summary = await Eventually.UntilAsync(() => GetSummaryAsync(orderId), s => s is not null, TimeSpan.FromSeconds(15), "the projection records the dead letter");
        Assert.Equal(OrderStatus.None, summary!.Status);
        var letter = Assert.Single(summary.DeadLetteredEvents);
        Assert.Equal(poisonSequence, letter.Sequence);
        Assert.Equal(reason, letter.Reason);

        // Commands go ahead without the unreadable message.
        using var place = await _client.PostAsync("/orders", Json(ApiFixture.PlaceBody(orderId)), _timeout.Token);
        Assert.Equal(HttpStatusCode.Created, place.StatusCode);
        using var pay = await _client.PostAsync($"/orders/{orderId}/payment/authorize", Json("{}"), _timeout.Token);
        Assert.Equal(HttpStatusCode.OK, pay.StatusCode);
        var paid = (await pay.Content.ReadFromJsonAsync<CommandAccepted>(_timeout.Token))!;

        using var read = await _client.GetAsync($"/orders/{orderId}?minSequence={paid.Sequence}&wait=10000", _timeout.Token);
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        Assert.Equal("fresh", Assert.Single(read.Headers.GetValues(ConsistencyHeaders.Consistency)));
        var fresh = (await read.Content.ReadFromJsonAsync<OrderSummary>(TestJson.Options, _timeout.Token))!;
        Assert.Equal(OrderStatus.PaymentAuthorized, fresh.Status);
        Assert.Equal(2, fresh.EventCount);
        Assert.Equal(poisonSequence, Assert.Single(fresh.DeadLetteredEvents).Sequence);
        Assert.DoesNotContain(poisonSequence, fresh.AppliedSequences);

        var full = await GetOkAsync<List<OrderHistoryEntry>>($"/orders/{orderId}/history");
        Assert.Equal([false, true, true], full.Select(e => e.Readable));
    }

    [Theory]
    [MemberData(nameof(Poisons))]
    public async Task A_poison_message_in_the_middle_of_an_order_is_skipped_and_later_commands_are_accepted(string poison)
    {
        var orderId = ApiFixture.NewOrderId();
        using var place = await _client.PostAsync("/orders", Json(ApiFixture.PlaceBody(orderId)), _timeout.Token);
        Assert.Equal(HttpStatusCode.Created, place.StatusCode);
        var (poisonSequence, reason) = await PublishPoisonAsync(orderId, poison);

        using var pay = await _client.PostAsync($"/orders/{orderId}/payment/authorize", Json("{}"), _timeout.Token);
        Assert.Equal(HttpStatusCode.OK, pay.StatusCode);
        using var ship = await _client.PostAsync($"/orders/{orderId}/ship", Json(ApiFixture.BodyFor("ship")), _timeout.Token);
        Assert.Equal(HttpStatusCode.OK, ship.StatusCode);
        var shipped = (await ship.Content.ReadFromJsonAsync<CommandAccepted>(_timeout.Token))!;
        using var cancel = await _client.PostAsync($"/orders/{orderId}/cancel", Json(ApiFixture.BodyFor("cancel")), _timeout.Token);
        Assert.Equal(HttpStatusCode.Conflict, cancel.StatusCode);

        var state = await GetOkAsync<OrderStateResponse>($"/orders/{orderId}/state");
        Assert.Equal(OrderStatus.Shipped, state.Status);
        Assert.Equal(3, state.EventCount);
        Assert.Equal(reason, Assert.Single(state.UnreadableEvents).Reason);

        using var read = await _client.GetAsync($"/orders/{orderId}?minSequence={shipped.Sequence}&wait=10000", _timeout.Token);
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        var summary = (await read.Content.ReadFromJsonAsync<OrderSummary>(TestJson.Options, _timeout.Token))!;
        Assert.Equal(OrderStatus.Shipped, summary.Status);
        Assert.Equal(3, summary.EventCount);
        Assert.Equal(poisonSequence, Assert.Single(summary.DeadLetteredEvents).Sequence);
    }

    /// <summary>Publishes straight to the broker, around the kit's publisher, as anyone with access could.</summary>
    private async Task<(ulong Sequence, string Reason)> PublishPoisonAsync(string orderId, string poison)
    {
        await using var client = _pipeline.Nats.CreateClient();
        var js = client.CreateJetStreamContext();
        var (headers, data, reason) = poison switch
        {
            "unknown-type" => (new NatsHeaders { [MessageHeaders.Id] = Guid.NewGuid().ToString("N"), [MessageHeaders.Type] = "orders.order-teleported.v9" },
                "{}"u8.ToArray(), DeadLetterReason.UnknownType),
            "garbage-payload" => (new NatsHeaders { [MessageHeaders.Id] = Guid.NewGuid().ToString("N"), [MessageHeaders.Type] = "orders.order-placed.v1" },
                new byte[] { 0xde, 0xad, 0xbe, 0xef }, DeadLetterReason.Unreadable),
            _ => ((NatsHeaders?)null, "hello"u8.ToArray(), DeadLetterReason.Unreadable),
        };
        var ack = await js.PublishAsync(Subjects.Order(orderId), data, headers: headers, cancellationToken: _timeout.Token);
        ack.EnsureSuccess();
        return (ack.Seq, reason);
    }

    private async Task<T> GetOkAsync<T>(string path)
    {
        using var response = await _client.GetAsync(path, _timeout.Token);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<T>(TestJson.Options, _timeout.Token))!;
    }

    private async Task<OrderSummary?> GetSummaryAsync(string orderId)
    {
        using var response = await _client.GetAsync($"/orders/{orderId}", _timeout.Token);
        return response.StatusCode == HttpStatusCode.OK
            ? JsonSerializer.Deserialize<OrderSummary>(await response.Content.ReadAsStringAsync(_timeout.Token), TestJson.Options)
            : null;
    }

    private static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");
}
