using System.Net;
using System.Net.Http.Json;
using Observability.Api.Orders;
using Observability.Api.Problems;
using Observability.Contracts.Orders;

namespace Observability.Api.Tests;

// No processor runs in this collection: the tests write the summary into the projection bucket themselves, as the
// order-summary processor would, to drive each branch of the read-your-writes contract.
[Collection(ApiCollection.Name)]
public sealed class ReadYourWritesTests(ApiFixture api) : IDisposable
{
    private const string Metric = "kit_read_your_writes_total";
    private readonly CancellationTokenSource _timeout = new(TimeSpan.FromSeconds(30));

    public void Dispose() => _timeout.Dispose();

    [Fact]
    public async Task A_query_for_a_sequence_the_projection_already_has_is_fresh_at_once()
    {
        var orderId = ApiFixture.NewOrderId();
        var placed = await api.PlaceAsync(orderId, _timeout.Token);
        await api.PutSummaryAsync(ApiFixture.Summary(orderId, OrderStatus.Placed, placed.Sequence), _timeout.Token);
        var before = await api.ScrapeAsync(Metric, "fresh", _timeout.Token);

        using var response = await api.Client.GetAsync($"/orders/{orderId}?minSequence={placed.Sequence}", _timeout.Token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        AssertHeader(response, ConsistencyHeaders.Consistency, "fresh");
        AssertHeader(response, ConsistencyHeaders.ProjectionSequence, placed.Sequence.ToString());
        var summary = (await response.Content.ReadFromJsonAsync<OrderSummary>(TestJson.Options, _timeout.Token))!;
        Assert.Equal(OrderStatus.Placed, summary.Status);
        Assert.Equal(before + 1, await api.ScrapeAsync(Metric, "fresh", _timeout.Token));
    }

    [Fact]
    public async Task A_query_waits_for_the_projection_to_catch_up_and_returns_the_new_state()
    {
        var orderId = ApiFixture.NewOrderId();
        var placed = await api.PlaceAsync(orderId, _timeout.Token);
        await api.PutSummaryAsync(ApiFixture.Summary(orderId, OrderStatus.Placed, placed.Sequence), _timeout.Token);
        var authorized = await api.CommandAsync(orderId, "payment/authorize", _timeout.Token);
        var before = await api.ScrapeAsync(Metric, "waited", _timeout.Token);

        var query = api.Client.GetAsync($"/orders/{orderId}?minSequence={authorized.Sequence}&wait=5000", _timeout.Token);
        // The "processor" applies the event a little later, while the query waits.
        await Task.Delay(300, _timeout.Token);
        Assert.False(query.IsCompleted, "the query should still be waiting for the projection");
        await api.PutSummaryAsync(ApiFixture.Summary(orderId, OrderStatus.PaymentAuthorized, authorized.Sequence), _timeout.Token);
        using var response = await query;

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        AssertHeader(response, ConsistencyHeaders.Consistency, "fresh");
        AssertHeader(response, ConsistencyHeaders.ProjectionSequence, authorized.Sequence.ToString());
        Assert.Equal(OrderStatus.PaymentAuthorized, (await response.Content.ReadFromJsonAsync<OrderSummary>(TestJson.Options, _timeout.Token))!.Status);
        Assert.Equal(before + 1, await api.ScrapeAsync(Metric, "waited", _timeout.Token));
    }

    [Fact]
    public async Task The_min_sequence_header_is_honoured_like_the_query_parameter()
    {
        var orderId = ApiFixture.NewOrderId();
        var placed = await api.PlaceAsync(orderId, _timeout.Token);
        var query = Task.Run(async () =>
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, $"/orders/{orderId}?wait=5000");
            request.Headers.Add(ConsistencyHeaders.MinSequence, placed.Sequence.ToString());
            return await api.Client.SendAsync(request, _timeout.Token);
        });
        await Task.Delay(200, _timeout.Token);
        await api.PutSummaryAsync(ApiFixture.Summary(orderId, OrderStatus.Placed, placed.Sequence), _timeout.Token);

        using var response = await query;

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        AssertHeader(response, ConsistencyHeaders.Consistency, "fresh");
    }

    [Fact]
    public async Task When_the_projection_does_not_catch_up_in_time_the_answer_is_the_older_summary_marked_stale()
    {
        var orderId = ApiFixture.NewOrderId();
        var placed = await api.PlaceAsync(orderId, _timeout.Token);
        await api.PutSummaryAsync(ApiFixture.Summary(orderId, OrderStatus.Placed, placed.Sequence), _timeout.Token);
        var cancelled = await api.CommandAsync(orderId, "cancel", _timeout.Token);
        var before = await api.ScrapeAsync(Metric, "stale", _timeout.Token);

        using var response = await api.Client.GetAsync($"/orders/{orderId}?minSequence={cancelled.Sequence}&wait=200", _timeout.Token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        AssertHeader(response, ConsistencyHeaders.Consistency, "stale");
        AssertHeader(response, ConsistencyHeaders.ProjectionSequence, placed.Sequence.ToString());
        Assert.NotNull(response.Headers.RetryAfter);
        Assert.Equal(OrderStatus.Placed, (await response.Content.ReadFromJsonAsync<OrderSummary>(TestJson.Options, _timeout.Token))!.Status);
        Assert.Equal(before + 1, await api.ScrapeAsync(Metric, "stale", _timeout.Token));
    }

    [Fact]
    public async Task A_stored_order_without_any_projection_yet_is_202_projection_pending_with_retry_after()
    {
        var orderId = ApiFixture.NewOrderId();
        var placed = await api.PlaceAsync(orderId, _timeout.Token);

        using var waited = await api.Client.GetAsync($"/orders/{orderId}?minSequence={placed.Sequence}&wait=100", _timeout.Token);
        using var plain = await api.Client.GetAsync($"/orders/{orderId}", _timeout.Token);

        foreach (var response in new[] { waited, plain })
        {
            await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Accepted, ProblemTypes.ProjectionPending);
            Assert.NotNull(response.Headers.RetryAfter);
            AssertHeader(response, ConsistencyHeaders.Consistency, "stale");
        }
    }

    [Fact]
    public async Task Without_a_min_sequence_the_answer_is_immediate_and_says_whether_it_reflects_every_stored_event()
    {
        var orderId = ApiFixture.NewOrderId();
        var placed = await api.PlaceAsync(orderId, _timeout.Token);
        await api.PutSummaryAsync(ApiFixture.Summary(orderId, OrderStatus.Placed, placed.Sequence), _timeout.Token);

        using var fresh = await api.Client.GetAsync($"/orders/{orderId}", _timeout.Token);
        await api.CommandAsync(orderId, "cancel", _timeout.Token);
        using var stale = await api.Client.GetAsync($"/orders/{orderId}", _timeout.Token);

        Assert.Equal(HttpStatusCode.OK, fresh.StatusCode);
        AssertHeader(fresh, ConsistencyHeaders.Consistency, "fresh");
        Assert.Equal(HttpStatusCode.OK, stale.StatusCode);
        AssertHeader(stale, ConsistencyHeaders.Consistency, "stale");
        AssertHeader(stale, ConsistencyHeaders.ProjectionSequence, placed.Sequence.ToString());
    }

    [Fact]
    public async Task A_min_sequence_beyond_the_orders_own_events_is_satisfied_by_its_newest_event()
    {
        var orderId = ApiFixture.NewOrderId();
        var placed = await api.PlaceAsync(orderId, _timeout.Token);
        await api.PutSummaryAsync(ApiFixture.Summary(orderId, OrderStatus.Placed, placed.Sequence), _timeout.Token);
        // Sequences are stream-wide: a later command on another order returns a higher one.
        var other = await api.PlaceAsync(ApiFixture.NewOrderId(), _timeout.Token);

        using var response = await api.Client.GetAsync($"/orders/{orderId}?minSequence={other.Sequence}&wait=3000", _timeout.Token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        AssertHeader(response, ConsistencyHeaders.Consistency, "fresh");
    }

    [Fact]
    public async Task An_order_in_neither_projection_nor_store_is_404()
    {
        using var response = await api.Client.GetAsync($"/orders/{ApiFixture.NewOrderId()}?minSequence=1&wait=100", _timeout.Token);

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.NotFound, ProblemTypes.NotFound);
    }

    [Theory]
    [InlineData("minSequence=abc", "minSequence")]
    [InlineData("minSequence=-1", "minSequence")]
    [InlineData("wait=soon", "wait")]
    [InlineData("wait=-5", "wait")]
    public async Task A_bad_min_sequence_or_wait_is_a_400_validation_problem(string query, string field)
    {
        using var response = await api.Client.GetAsync($"/orders/{ApiFixture.NewOrderId()}?{query}", _timeout.Token);

        Assert.Contains(field, (await ProblemAssert.IsValidationProblemAsync(response)).Keys);
    }

    private static void AssertHeader(HttpResponseMessage response, string name, string expected)
    {
        Assert.True(response.Headers.TryGetValues(name, out var values), $"missing header {name}");
        Assert.Equal(expected, Assert.Single(values));
    }
}
