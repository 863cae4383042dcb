namespace Observability.Operations.Poison;

/// <summary>The unprocessable messages <c>kit faults poison</c> can publish, each dead-lettered under its own reason.</summary>
public static class PoisonKinds
{
    /// <summary>Valid CloudEvents headers of a known type, but a payload that is not JSON: reason <c>unreadable</c>.</summary>
    public const string Garbage = "garbage";

    /// <summary>A JSON payload under a type the catalog does not know: reason <c>unknown_type</c>.</summary>
    public const string UnknownType = "unknown-type";

    /// <summary>A known type whose payload deserializes but breaks its JSON Schema: reason <c>schema_invalid</c>.</summary>
    public const string SchemaInvalid = "schema-invalid";

    public static readonly IReadOnlyList<string> All = [Garbage, UnknownType, SchemaInvalid];
}
