using System.Net;
using System.Net.Http.Json;
using Observability.Api.Orders;
using Observability.Api.Problems;
using Observability.Contracts.Orders;

namespace Observability.Api.Tests;

[Collection(ApiCollection.Name)]
public sealed class OrderCommandTests(ApiFixture api) : IDisposable
{
    private readonly CancellationTokenSource _timeout = new(TimeSpan.FromSeconds(30));

    public void Dispose() => _timeout.Dispose();

    [Fact]
    public async Task Placing_an_order_returns_201_with_location_sequence_and_event_id_and_stores_the_event()
    {
        var orderId = ApiFixture.NewOrderId();

        using var response = await api.PostJsonAsync("/orders", ApiFixture.PlaceBody(orderId), _timeout.Token);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal($"/orders/{orderId}", response.Headers.Location?.OriginalString);
        var accepted = (await response.Content.ReadFromJsonAsync<CommandAccepted>(_timeout.Token))!;
        Assert.Equal(orderId, accepted.OrderId);
        Assert.True(accepted.Sequence > 0);
        Assert.False(accepted.Replayed);
        var history = await api.HistoryAsync(orderId, _timeout.Token);
        var placed = Assert.IsType<OrderPlaced>(Assert.Single(history).Event);
        Assert.Equal(accepted.Sequence, history[0].Sequence);
        Assert.Equal(accepted.EventId, history[0].EventId);
        Assert.Equal(25m, placed.Total);
        Assert.Equal("EUR", placed.Currency);
    }

    [Fact]
    public async Task Placing_without_an_order_id_generates_one()
    {
        const string body = """{"customerId":"c-9","currency":"USD","lines":[{"sku":"A","quantity":1,"unitPrice":0}]}""";

        using var response = await api.PostJsonAsync("/orders", body, _timeout.Token);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var accepted = (await response.Content.ReadFromJsonAsync<CommandAccepted>(_timeout.Token))!;
        Assert.Matches("^[a-f0-9]{32}$", accepted.OrderId);
        Assert.Equal($"/orders/{accepted.OrderId}", response.Headers.Location?.OriginalString);
        Assert.Single(await api.HistoryAsync(accepted.OrderId, _timeout.Token));
    }

    [Fact]
    public async Task Retrying_a_placement_with_the_same_id_and_content_returns_200_with_the_original_sequence_and_stores_it_once()
    {
        var orderId = ApiFixture.NewOrderId();
        var first = await api.PlaceAsync(orderId, _timeout.Token);

        using var retry = await api.PostJsonAsync("/orders", ApiFixture.PlaceBody(orderId), _timeout.Token);

        Assert.Equal(HttpStatusCode.OK, retry.StatusCode);
        Assert.Equal($"/orders/{orderId}", retry.Headers.Location?.OriginalString);
        var second = (await retry.Content.ReadFromJsonAsync<CommandAccepted>(_timeout.Token))!;
        Assert.Equal(first.Sequence, second.Sequence);
        Assert.Equal(first.EventId, second.EventId);
        Assert.True(second.Replayed);
        Assert.Single(await api.HistoryAsync(orderId, _timeout.Token));
    }

    [Fact]
    public async Task Concurrent_identical_placements_store_the_order_once_and_every_answer_carries_its_sequence()
    {
        var orderId = ApiFixture.NewOrderId();

        var responses = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => api.PostJsonAsync("/orders", ApiFixture.PlaceBody(orderId), _timeout.Token)));
        try
        {
            var history = await api.HistoryAsync(orderId, _timeout.Token);
            Assert.Single(history);
            Assert.Single(responses, r => r.StatusCode == HttpStatusCode.Created);
            foreach (var response in responses)
            {
                // The losers of the race are recognised as replays: by the fold, or by the broker's duplicate window
                // (the placement's event id is deterministic), which JetStream checks before the expected sequence.
                Assert.Contains(response.StatusCode, new[] { HttpStatusCode.Created, HttpStatusCode.OK });
                Assert.Equal(history[0].Sequence, (await response.Content.ReadFromJsonAsync<CommandAccepted>(_timeout.Token))!.Sequence);
            }
        }
        finally
        {
            foreach (var r in responses)
            {
                r.Dispose();
            }
        }
    }

    [Fact]
    public async Task Retrying_a_placement_after_later_events_still_answers_the_original_placement()
    {
        var orderId = ApiFixture.NewOrderId();
        var placed = await api.PlaceAsync(orderId, _timeout.Token);
        await api.CommandAsync(orderId, "payment/authorize", _timeout.Token);

        using var retry = await api.PostJsonAsync("/orders", ApiFixture.PlaceBody(orderId), _timeout.Token);

        Assert.Equal(HttpStatusCode.OK, retry.StatusCode);
        Assert.Equal(placed.Sequence, (await retry.Content.ReadFromJsonAsync<CommandAccepted>(_timeout.Token))!.Sequence);
        Assert.Equal(2, (await api.HistoryAsync(orderId, _timeout.Token)).Count);
    }

    [Fact]
    public async Task Authorizing_an_explicit_amount_stores_that_amount()
    {
        var orderId = ApiFixture.NewOrderId();
        await api.PlaceAsync(orderId, _timeout.Token);

        using var response = await api.PostJsonAsync($"/orders/{orderId}/payment/authorize", """{"amount":20}""", _timeout.Token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var history = await api.HistoryAsync(orderId, _timeout.Token);
        Assert.Equal(20m, Assert.IsType<PaymentAuthorized>(history[^1].Event).Amount);
    }

    [Fact]
    public async Task Placing_a_different_order_under_an_existing_id_is_a_rule_violation_and_appends_nothing()
    {
        var orderId = ApiFixture.NewOrderId();
        await api.PlaceAsync(orderId, _timeout.Token);

        using var response = await api.PostJsonAsync("/orders", ApiFixture.PlaceBody(orderId, customerId: "someone-else"), _timeout.Token);

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Conflict, ProblemTypes.RuleViolation);
        Assert.Single(await api.HistoryAsync(orderId, _timeout.Token));
    }

    [Fact]
    public async Task The_happy_path_authorize_then_ship_returns_each_new_sequence_with_the_location()
    {
        var orderId = ApiFixture.NewOrderId();
        var placed = await api.PlaceAsync(orderId, _timeout.Token);

        using var authorize = await api.Client.PostAsync($"/orders/{orderId}/payment/authorize", content: null, _timeout.Token);
        Assert.Equal(HttpStatusCode.OK, authorize.StatusCode);
        Assert.Equal($"/orders/{orderId}", authorize.Headers.Location?.OriginalString);
        var authorized = (await authorize.Content.ReadFromJsonAsync<CommandAccepted>(_timeout.Token))!;
        var shipped = await api.CommandAsync(orderId, "ship", _timeout.Token);

        Assert.True(placed.Sequence < authorized.Sequence && authorized.Sequence < shipped.Sequence);
        var history = await api.HistoryAsync(orderId, _timeout.Token);
        Assert.Equal([placed.Sequence, authorized.Sequence, shipped.Sequence], history.Select(h => h.Sequence));
        Assert.Equal(25m, Assert.IsType<PaymentAuthorized>(history[1].Event).Amount);
        Assert.Equal("TRK-1", Assert.IsType<OrderShipped>(history[2].Event).TrackingNumber);
    }

    [Theory]
    [InlineData("cancel", "payment/authorize")] // no payment on a cancelled order
    [InlineData("cancel", "payment/decline")]
    [InlineData("cancel", "ship")]
    [InlineData("cancel", "cancel")]
    [InlineData("", "ship")] // no shipment before payment
    [InlineData("payment/decline", "ship")]
    [InlineData("payment/authorize", "payment/authorize")]
    [InlineData("payment/authorize", "payment/decline")]
    [InlineData("payment/authorize,ship", "cancel")] // no cancellation after shipment
    [InlineData("payment/authorize,ship", "ship")] // double ship
    [InlineData("payment/authorize,ship", "payment/authorize")]
    public async Task An_illegal_transition_is_a_409_rule_violation_and_appends_nothing(string given, string when)
    {
        var orderId = ApiFixture.NewOrderId();
        await api.PlaceAsync(orderId, _timeout.Token);
        foreach (var action in given.Split(',', StringSplitOptions.RemoveEmptyEntries))
        {
            await api.CommandAsync(orderId, action, _timeout.Token);
        }

        var before = (await api.HistoryAsync(orderId, _timeout.Token)).Count;

        using var response = await api.PostJsonAsync($"/orders/{orderId}/{when}", ApiFixture.BodyFor(when), _timeout.Token);

        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Conflict, ProblemTypes.RuleViolation);
        Assert.False(string.IsNullOrWhiteSpace(problem.GetProperty("detail").GetString()));
        Assert.Equal(before, (await api.HistoryAsync(orderId, _timeout.Token)).Count);
    }

    [Theory]
    [InlineData("payment/authorize")]
    [InlineData("payment/decline")]
    [InlineData("ship")]
    [InlineData("cancel")]
    public async Task A_command_on_an_unknown_order_is_404_and_appends_nothing(string action)
    {
        var orderId = ApiFixture.NewOrderId();

        using var response = await api.PostJsonAsync($"/orders/{orderId}/{action}", ApiFixture.BodyFor(action), _timeout.Token);

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.NotFound, ProblemTypes.NotFound);
        Assert.Empty(await api.HistoryAsync(orderId, _timeout.Token));
    }

    [Fact]
    public async Task Concurrent_commands_on_one_order_append_exactly_once_and_the_others_get_409()
    {
        var orderId = ApiFixture.NewOrderId();
        await api.PlaceAsync(orderId, _timeout.Token);
        await api.CommandAsync(orderId, "payment/authorize", _timeout.Token);

        // Ship and cancel are both legal from PaymentAuthorized; they race for the same expected sequence.
        var actions = new[] { "ship", "cancel", "ship", "cancel" };
        var responses = await Task.WhenAll(actions.Select(a => api.PostJsonAsync($"/orders/{orderId}/{a}", ApiFixture.BodyFor(a), _timeout.Token)));
        try
        {
            Assert.Single(responses, r => r.StatusCode == HttpStatusCode.OK);
            foreach (var rejected in responses.Where(r => r.StatusCode != HttpStatusCode.OK))
            {
                Assert.Equal(HttpStatusCode.Conflict, rejected.StatusCode);
                var type = (await rejected.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>(_timeout.Token)).GetProperty("type").GetString();
                Assert.Contains(type, new[] { ProblemTypes.ConcurrencyConflict, ProblemTypes.RuleViolation });
            }

            var history = await api.HistoryAsync(orderId, _timeout.Token);
            Assert.Equal(3, history.Count);
            Assert.Equal(history.Count, history.Select(h => h.Sequence).Distinct().Count());
        }
        finally
        {
            foreach (var r in responses)
            {
                r.Dispose();
            }
        }
    }
}
