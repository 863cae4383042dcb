using System.Text.Json;
using Observability.Contracts.Orders;
using Observability.Orders.Domain;

namespace Observability.Api.Orders;

/// <summary>One message of an order's audit trail, as the event store holds it: an event, or one the kit cannot read.</summary>
/// <param name="Sequence">ORDERS stream sequence.</param>
/// <param name="EventId">CloudEvents id (null when the message has none).</param>
/// <param name="Type">Wire type, e.g. <c>orders.order-placed.v1</c>; its schema is at <c>/schemas/{type}.json</c>.</param>
/// <param name="StoredAt">When the broker stored it.</param>
/// <param name="OccurredAt">Event time (CloudEvents <c>time</c>); null for an unreadable message.</param>
/// <param name="Data">The event payload; null for an unreadable message.</param>
/// <param name="Readable">False for a message that is not a readable event of this order: it was dead-lettered and is left out of the order's state.</param>
/// <param name="DeadLetterReason">Why it is unreadable (<c>unreadable</c>, <c>unknown_type</c>, <c>schema_invalid</c>, <c>rejected</c>).</param>
/// <param name="Detail">The reason in words.</param>
public sealed record OrderHistoryEntry(
    ulong Sequence,
    string? EventId,
    string? Type,
    DateTimeOffset StoredAt,
    DateTimeOffset? OccurredAt,
    JsonElement? Data,
    bool Readable = true,
    string? DeadLetterReason = null,
    string? Detail = null);

/// <summary>A message of the order left out of its state because it cannot be read.</summary>
public sealed record UnreadableEventEntry(ulong Sequence, DateTimeOffset StoredAt, string Reason, string? Detail);

/// <summary>An order's state folded from the event store, now or as of a point in time.</summary>
public sealed record OrderStateResponse(
    string OrderId,
    OrderStatus Status,
    string? CustomerId,
    IReadOnlyList<OrderLine> Lines,
    decimal Total,
    string? Currency,
    DateTimeOffset? PlacedAt,
    DateTimeOffset? UpdatedAt,
    string? Carrier,
    string? TrackingNumber,
    string? Reason,
    ulong Version,
    int EventCount,
    DateTimeOffset? AsOf,
    IReadOnlyList<UnreadableEventEntry> UnreadableEvents)
{
    public static OrderStateResponse From(string orderId, OrderState s, DateTimeOffset? asOf, IReadOnlyList<UnreadableEventEntry> unreadable) =>
        new(orderId, s.Status, s.CustomerId, s.Lines, s.Total, s.Currency, s.PlacedAt, s.UpdatedAt, s.Carrier, s.TrackingNumber, s.Reason, s.Version, s.EventCount, asOf, unreadable);
}
