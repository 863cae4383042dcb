using Microsoft.OpenApi;

namespace Observability.Api.OpenApi;

/// <summary>
/// Documents a JSON request body that the handler reads itself. <c>Accepts&lt;T&gt;()</c> would also make routing
/// answer 415 to other content types, but the API's contract is a 400 ProblemDetails for every bad body.
/// </summary>
public static class JsonBodyDocumentation
{
    public static RouteHandlerBuilder WithJsonBody<TRequest>(this RouteHandlerBuilder builder, bool required) =>
        builder.AddOpenApiOperationTransformer(async (operation, context, cancellationToken) =>
        {
            var schema = await context.GetOrCreateSchemaAsync(typeof(TRequest), parameterDescription: null, cancellationToken);
            operation.RequestBody = new OpenApiRequestBody
            {
                Required = required,
                Description = "JSON (application/json), at most 64 KiB.",
                Content = new Dictionary<string, OpenApiMediaType> { ["application/json"] = new() { Schema = schema } },
            };
        });
}
