using Microsoft.AspNetCore.Http.HttpResults;
using Observability.Api.Problems;
using Observability.Contracts.Events;

namespace Observability.Api.Schemas;

/// <summary>
/// The schema registry over HTTP: every event carries an absolute <c>ce-dataschema: {base}/schemas/{type}.json</c>, and this is where
/// that reference resolves. Schemas are immutable per version, so responses may be cached.
/// </summary>
public static class SchemasApi
{
    public const string SchemaMediaType = "application/schema+json";

    public static IEndpointRouteBuilder MapSchemasApi(this IEndpointRouteBuilder app)
    {
        var schemas = app.MapGroup("/schemas").WithTags("Schemas");

        schemas.MapGet("", ListSchemas)
            .WithName(nameof(ListSchemas))
            .WithSummary("List event types")
            .WithDescription("Every event type and version the kit produces, with its CloudEvents dataschema.");

        schemas.MapGet("/{type}.json", GetSchema)
            .WithName(nameof(GetSchema))
            .WithSummary("Get the JSON Schema of an event type")
            .WithDescription("The JSON Schema (draft 2020-12) of one event type and version, as application/schema+json.")
            .Produces<string>(StatusCodes.Status200OK, SchemaMediaType)
            .ProducesProblem(StatusCodes.Status404NotFound);

        return app;
    }

    public static Ok<IReadOnlyList<EventSchemaInfo>> ListSchemas() =>
        TypedResults.Ok<IReadOnlyList<EventSchemaInfo>>([.. EventCatalog.All.Select(t => new EventSchemaInfo(t.Name, t.DataSchema))]);

    public static Results<ContentHttpResult, ProblemHttpResult> GetSchema(string type, HttpResponse response)
    {
        if (!EventCatalog.TryGet(type, out var info))
        {
            return ApiProblems.NotFound($"No event type '{type}' is registered; GET /schemas lists them.", "Event type not found.");
        }

        response.Headers.CacheControl = "public, max-age=3600";
        return TypedResults.Text(EventCatalog.SchemaText(info.Name), SchemaMediaType);
    }
}
