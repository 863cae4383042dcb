using Microsoft.OpenApi;

namespace Observability.Api.OpenApi;

/// <summary>The OpenAPI document at <c>/openapi/v1.json</c>, with a title and description of the API's contracts.</summary>
public static class ApiDocumentExtensions
{
    public static IHostApplicationBuilder AddApiDocument(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOpenApi(o => o.AddDocumentTransformer((document, _, _) =>
        {
            document.Info = new OpenApiInfo
            {
                Title = "Observability Kit orders API",
                Version = "v1",
                Description = "CQRS over a NATS JetStream event store. Commands append events with optimistic concurrency and return "
                    + "the stream sequence; queries read the order-summary projection (read-your-writes via minSequence) or "
                    + "replay the event store. Errors are RFC 9457 problem details; their 'type' URIs are listed in docs/api.md.",
            };
            return Task.CompletedTask;
        }));
        return builder;
    }
}
