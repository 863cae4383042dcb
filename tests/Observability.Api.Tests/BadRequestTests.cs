using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Observability.Api.Problems;

namespace Observability.Api.Tests;

[Collection(ApiCollection.Name)]
public sealed class BadRequestTests(ApiFixture api) : IDisposable
{
    private readonly CancellationTokenSource _timeout = new(TimeSpan.FromSeconds(30));

    public void Dispose() => _timeout.Dispose();

    public static TheoryData<string, string, string> InvalidPlacements => new()
    {
        // name, body (ORDER is replaced by a fresh id), the field that must be reported
        { "missing customer", """{"orderId":"ORDER","currency":"EUR","lines":[{"sku":"A","quantity":1,"unitPrice":1}]}""", "customerId" },
        { "blank customer", """{"orderId":"ORDER","customerId":"  ","currency":"EUR","lines":[{"sku":"A","quantity":1,"unitPrice":1}]}""", "customerId" },
        { "missing currency", """{"orderId":"ORDER","customerId":"c","lines":[{"sku":"A","quantity":1,"unitPrice":1}]}""", "currency" },
        { "lower-case currency", """{"orderId":"ORDER","customerId":"c","currency":"eur","lines":[{"sku":"A","quantity":1,"unitPrice":1}]}""", "currency" },
        { "long currency", """{"orderId":"ORDER","customerId":"c","currency":"EURO","lines":[{"sku":"A","quantity":1,"unitPrice":1}]}""", "currency" },
        { "missing lines", """{"orderId":"ORDER","customerId":"c","currency":"EUR"}""", "lines" },
        { "empty lines", """{"orderId":"ORDER","customerId":"c","currency":"EUR","lines":[]}""", "lines" },
        { "zero quantity", """{"orderId":"ORDER","customerId":"c","currency":"EUR","lines":[{"sku":"A","quantity":0,"unitPrice":1}]}""", "lines[0].quantity" },
        { "negative quantity", """{"orderId":"ORDER","customerId":"c","currency":"EUR","lines":[{"sku":"A","quantity":1,"unitPrice":1},{"sku":"B","quantity":-3,"unitPrice":1}]}""", "lines[1].quantity" },
        { "missing quantity", """{"orderId":"ORDER","customerId":"c","currency":"EUR","lines":[{"sku":"A","unitPrice":1}]}""", "lines[0].quantity" },
        { "negative price", """{"orderId":"ORDER","customerId":"c","currency":"EUR","lines":[{"sku":"A","quantity":1,"unitPrice":-0.01}]}""", "lines[0].unitPrice" },
        { "missing sku", """{"orderId":"ORDER","customerId":"c","currency":"EUR","lines":[{"quantity":1,"unitPrice":1}]}""", "lines[0].sku" },
        { "null line", """{"orderId":"ORDER","customerId":"c","currency":"EUR","lines":[null]}""", "lines[0]" },
    };

    [Theory]
    [MemberData(nameof(InvalidPlacements))]
    public async Task An_invalid_placement_is_a_400_validation_problem_naming_the_field_and_appends_nothing(string name, string body, string field)
    {
        var orderId = ApiFixture.NewOrderId();

        using var response = await api.PostJsonAsync("/orders", body.Replace("ORDER", orderId, StringComparison.Ordinal), _timeout.Token);

        var errors = await ProblemAssert.IsValidationProblemAsync(response);
        Assert.True(errors.ContainsKey(field), $"{name}: errors were {string.Join(", ", errors.Keys)}");
        Assert.Empty(await api.HistoryAsync(orderId, _timeout.Token));
    }

    [Theory]
    [InlineData("has.dot")]
    [InlineData("star*")]
    [InlineData("gt>")]
    [InlineData("")]
    [InlineData("this-id-is-far-too-long-for-a-subject-token-0123456789-0123456789")]
    public async Task A_bad_client_order_id_is_a_400_validation_problem(string orderId)
    {
        using var response = await api.PostJsonAsync("/orders", ApiFixture.PlaceBody(orderId), _timeout.Token);

        var errors = await ProblemAssert.IsValidationProblemAsync(response);
        Assert.Contains("orderId", errors.Keys);
    }

    [Fact]
    public async Task Too_many_lines_is_a_400_validation_problem()
    {
        var lines = string.Join(",", Enumerable.Range(0, 101).Select(i => $$"""{"sku":"S{{i}}","quantity":1,"unitPrice":1}"""));
        var orderId = ApiFixture.NewOrderId();

        using var response = await api.PostJsonAsync("/orders", $$"""{"orderId":"{{orderId}}","customerId":"c","currency":"EUR","lines":[{{lines}}]}""", _timeout.Token);

        Assert.Contains("lines", (await ProblemAssert.IsValidationProblemAsync(response)).Keys);
        Assert.Empty(await api.HistoryAsync(orderId, _timeout.Token));
    }

    [Theory]
    [InlineData("""{"orderId":"x","customerId":""")]
    [InlineData("not json at all")]
    [InlineData("""{"orderId":"x","customerId":"c","currency":"EUR","lines":[{"sku":"A","quantity":"many","unitPrice":1}]}""")]
    [InlineData("""[1,2,3]""")]
    [InlineData("null")]
    public async Task Malformed_json_is_a_400_malformed_body_problem(string body)
    {
        using var response = await api.PostJsonAsync("/orders", body, _timeout.Token);

        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest, ProblemTypes.MalformedBody);
        Assert.False(string.IsNullOrWhiteSpace(problem.GetProperty("detail").GetString()));
    }

    [Fact]
    public async Task An_empty_body_is_a_400_malformed_body_problem()
    {
        using var response = await api.Client.PostAsync("/orders", new StringContent("", Encoding.UTF8, "application/json"), _timeout.Token);

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest, ProblemTypes.MalformedBody);
    }

    [Theory]
    [InlineData("text/plain")]
    [InlineData("application/x-www-form-urlencoded")]
    [InlineData("application/xml")]
    public async Task A_body_that_is_not_json_by_content_type_is_a_400_not_a_415(string mediaType)
    {
        var orderId = ApiFixture.NewOrderId();
        using var content = new StringContent(ApiFixture.PlaceBody(orderId), Encoding.UTF8, mediaType);

        using var response = await api.Client.PostAsync("/orders", content, _timeout.Token);

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest, ProblemTypes.UnsupportedContentType);
        Assert.Empty(await api.HistoryAsync(orderId, _timeout.Token));
    }

    [Fact]
    public async Task An_oversized_body_is_a_400_not_a_413_and_appends_nothing()
    {
        var orderId = ApiFixture.NewOrderId();
        var body = $$"""{"orderId":"{{orderId}}","customerId":"{{new string('c', 70_000)}}","currency":"EUR","lines":[{"sku":"A","quantity":1,"unitPrice":1}]}""";

        using var response = await api.PostJsonAsync("/orders", body, _timeout.Token);

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest, ProblemTypes.BodyTooLarge);
        Assert.Empty(await api.HistoryAsync(orderId, _timeout.Token));
    }

    [Fact]
    public async Task An_oversized_chunked_body_without_content_length_is_a_400()
    {
        var orderId = ApiFixture.NewOrderId();
        var body = $$"""{"orderId":"{{orderId}}","customerId":"{{new string('c', 70_000)}}","currency":"EUR","lines":[]}""";
        using var content = new ChunkedContent(Encoding.UTF8.GetBytes(body));

        using var response = await api.Client.PostAsync("/orders", content, _timeout.Token);

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest, ProblemTypes.BodyTooLarge);
    }

    [Theory]
    [InlineData("ship", """{"carrier":"DHL"}""", "trackingNumber")]
    [InlineData("ship", """{"trackingNumber":"T"}""", "carrier")]
    [InlineData("cancel", """{}""", "reason")]
    [InlineData("payment/decline", """{"reason":""}""", "reason")]
    [InlineData("payment/authorize", """{"amount":-1}""", "amount")]
    public async Task An_invalid_lifecycle_command_is_a_400_validation_problem_and_appends_nothing(string action, string body, string field)
    {
        var orderId = ApiFixture.NewOrderId();
        await api.PlaceAsync(orderId, _timeout.Token);

        using var response = await api.PostJsonAsync($"/orders/{orderId}/{action}", body, _timeout.Token);

        Assert.Contains(field, (await ProblemAssert.IsValidationProblemAsync(response)).Keys);
        Assert.Single(await api.HistoryAsync(orderId, _timeout.Token));
    }

    [Theory]
    [InlineData("cancel")]
    [InlineData("ship")]
    [InlineData("payment/decline")]
    public async Task A_lifecycle_command_without_a_body_is_a_400_malformed_body_problem(string action)
    {
        var orderId = ApiFixture.NewOrderId();
        await api.PlaceAsync(orderId, _timeout.Token);

        using var response = await api.Client.PostAsync($"/orders/{orderId}/{action}", content: null, _timeout.Token);

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest, ProblemTypes.MalformedBody);
        Assert.Single(await api.HistoryAsync(orderId, _timeout.Token));
    }

    [Fact]
    public async Task A_bad_order_id_in_the_route_is_a_400_validation_problem()
    {
        using var command = await api.PostJsonAsync("/orders/bad.id/cancel", ApiFixture.BodyFor("cancel"), _timeout.Token);
        using var query = await api.Client.GetAsync("/orders/bad.id/history", _timeout.Token);

        Assert.Contains("id", (await ProblemAssert.IsValidationProblemAsync(command)).Keys);
        Assert.Contains("id", (await ProblemAssert.IsValidationProblemAsync(query)).Keys);
    }

    /// <summary>A body of unknown length (sent chunked), so only the server's own bounded read can catch its size.</summary>
    private sealed class ChunkedContent : HttpContent
    {
        private readonly byte[] _data;

        public ChunkedContent(byte[] data)
        {
            _data = data;
            Headers.ContentType = new MediaTypeHeaderValue("application/json");
        }

        protected override Task SerializeToStreamAsync(Stream stream, System.Net.TransportContext? context) => stream.WriteAsync(_data).AsTask();

        protected override bool TryComputeLength(out long length)
        {
            length = 0;
            return false;
        }
    }
}
