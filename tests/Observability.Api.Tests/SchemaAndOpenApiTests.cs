using System.Net;
using System.Text.Json;
using Observability.Api.Problems;
using Observability.Contracts.Events;

namespace Observability.Api.Tests;

[Collection(ApiCollection.Name)]
public sealed class SchemaAndOpenApiTests(ApiFixture api) : IDisposable
{
    private readonly CancellationTokenSource _timeout = new(TimeSpan.FromSeconds(30));

    public void Dispose() => _timeout.Dispose();

    [Fact]
    public async Task Schemas_lists_every_event_type_and_each_dataschema_resolves_to_its_json_schema()
    {
        var list = JsonDocument.Parse(await api.Client.GetStringAsync("/schemas", _timeout.Token)).RootElement;

        Assert.Equal(EventCatalog.All.Select(t => t.Name).Order(), list.EnumerateArray().Select(e => e.GetProperty("type").GetString()!).Order());
        foreach (var item in list.EnumerateArray())
        {
            var type = item.GetProperty("type").GetString()!;
            var dataschema = item.GetProperty("dataschema").GetString()!;
            Assert.Equal($"/schemas/{type}.json", dataschema);

            using var response = await api.Client.GetAsync(dataschema, _timeout.Token);

            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("application/schema+json", response.Content.Headers.ContentType?.MediaType);
            var schema = JsonDocument.Parse(await response.Content.ReadAsStringAsync(_timeout.Token)).RootElement;
            Assert.Equal(dataschema, schema.GetProperty("$id").GetString());
        }
    }

    [Fact]
    public async Task An_unknown_schema_is_404()
    {
        using var response = await api.Client.GetAsync("/schemas/orders.order-teleported.v1.json", _timeout.Token);

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.NotFound, ProblemTypes.NotFound);
    }

    [Fact]
    public async Task The_openapi_document_lists_every_endpoint_with_summaries_and_problem_responses()
    {
        var document = JsonDocument.Parse(await api.Client.GetStringAsync("/openapi/v1.json", _timeout.Token)).RootElement;
        var paths = document.GetProperty("paths");

        string[] expected =
        [
            "/orders", "/orders/{id}/payment/authorize", "/orders/{id}/payment/decline", "/orders/{id}/ship", "/orders/{id}/cancel",
            "/orders/{id}", "/orders/{id}/history", "/orders/{id}/state", "/schemas", "/schemas/{type}.json",
        ];
        foreach (var path in expected)
        {
            Assert.True(paths.TryGetProperty(path, out var item), $"{path} missing from the OpenAPI document");
            foreach (var operation in item.EnumerateObject())
            {
                Assert.False(string.IsNullOrWhiteSpace(operation.Value.GetProperty("summary").GetString()), $"{path} {operation.Name} has no summary");
            }
        }

        var place = paths.GetProperty("/orders").GetProperty("post");
        Assert.True(place.GetProperty("requestBody").GetProperty("content").TryGetProperty("application/json", out _));
        var responses = place.GetProperty("responses");
        foreach (var status in new[] { "201", "400", "409" })
        {
            Assert.True(responses.TryGetProperty(status, out _), $"POST /orders does not declare {status}");
        }

        Assert.True(responses.GetProperty("409").GetProperty("content").TryGetProperty("application/problem+json", out _));
        var get = paths.GetProperty("/orders/{id}").GetProperty("get").GetProperty("responses");
        Assert.True(get.TryGetProperty("202", out _));
        Assert.True(get.GetProperty("200").GetProperty("headers").TryGetProperty("X-Consistency", out _));
    }

    [Fact]
    public async Task The_api_reference_ui_is_served_from_the_openapi_document()
    {
        using var response = await api.Client.GetAsync("/scalar/v1", _timeout.Token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
    }
}
