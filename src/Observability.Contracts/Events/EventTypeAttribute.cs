namespace Observability.Contracts.Events;

/// <summary>
/// The wire name of an event type and version, e.g. <c>orders.order-placed.v1</c>. This, never the CLR type name,
/// is the contract: it is the CloudEvents <c>type</c> and names the JSON Schema file.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class EventTypeAttribute(string name) : Attribute
{
    public string Name { get; } = name;
}
