namespace Observability.Messaging.Consuming;

/// <summary>A durable consumer on a stream, e.g. <c>ORDERS/order-summary</c>.</summary>
public readonly record struct DurableName(string Stream, string Consumer)
{
    public override string ToString() => $"{Stream}/{Consumer}";
}
