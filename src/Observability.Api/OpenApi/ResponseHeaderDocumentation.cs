using Microsoft.OpenApi;

namespace Observability.Api.OpenApi;

/// <summary>Declares response headers in the OpenAPI document (minimal APIs have no attribute for them).</summary>
public static class ResponseHeaderDocumentation
{
    public static RouteHandlerBuilder WithResponseHeader(this RouteHandlerBuilder builder, int status, string name, string description) =>
        builder.AddOpenApiOperationTransformer((operation, _, _) =>
        {
            if (operation.Responses?.TryGetValue(status.ToString(System.Globalization.CultureInfo.InvariantCulture), out var response) == true
                && response is OpenApiResponse concrete)
            {
                concrete.Headers ??= new Dictionary<string, IOpenApiHeader>();
                concrete.Headers[name] = new OpenApiHeader { Description = description, Schema = new OpenApiSchema { Type = JsonSchemaType.String } };
            }

            return Task.CompletedTask;
        });
}
