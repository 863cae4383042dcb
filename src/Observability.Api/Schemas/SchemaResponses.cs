using System.Text.Json.Serialization;

namespace Observability.Api.Schemas;

/// <summary>One event type the kit produces and where its JSON Schema is served.</summary>
/// <param name="Type">Wire type (CloudEvents <c>type</c>), e.g. <c>orders.order-placed.v1</c>.</param>
/// <param name="DataSchema">CloudEvents <c>dataschema</c>: the path of the JSON Schema on this API.</param>
public sealed record EventSchemaInfo(string Type, [property: JsonPropertyName("dataschema")] string DataSchema);
