using Observability.Contracts.Events;
using Observability.Contracts.Topology;

namespace Observability.Contracts.Orders;

// Order aggregate events, version 1. Past tense, minimal facts, explicit wire names.

public sealed record OrderLine(string Sku, int Quantity, decimal UnitPrice);

public interface IOrderEvent : IEvent
{
    /// <summary>The span attribute that carries the order id on publish, process and API spans.</summary>
    public const string KeyAttribute = "kit.order_id";

    string OrderId { get; }

    /// <summary>One subject per order in the event store, so the expected last subject sequence is the order's lock.</summary>
    EventRoute IEvent.Route => new(Streams.Orders, Subjects.Order(OrderId), Subjects.OrdersTemplate, OrderId, KeyAttribute);
}

[EventType("orders.order-placed.v1")]
public sealed record OrderPlaced(
    string OrderId,
    string CustomerId,
    IReadOnlyList<OrderLine> Lines,
    decimal Total,
    string Currency,
    DateTimeOffset OccurredAt) : IOrderEvent;

[EventType("orders.payment-authorized.v1")]
public sealed record PaymentAuthorized(string OrderId, decimal Amount, string Currency, DateTimeOffset OccurredAt) : IOrderEvent;

[EventType("orders.payment-declined.v1")]
public sealed record PaymentDeclined(string OrderId, string Reason, DateTimeOffset OccurredAt) : IOrderEvent;

[EventType("orders.order-shipped.v1")]
public sealed record OrderShipped(string OrderId, string Carrier, string TrackingNumber, DateTimeOffset OccurredAt) : IOrderEvent;

[EventType("orders.order-cancelled.v1")]
public sealed record OrderCancelled(string OrderId, string Reason, DateTimeOffset OccurredAt) : IOrderEvent;
