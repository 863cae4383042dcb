using System.Text.Json;
using Observability.Contracts.Orders;

namespace Observability.Api.Orders;

/// <summary>One event of an order's audit trail, as the event store holds it.</summary>
/// <param name="Sequence">ORDERS stream sequence.</param>
/// <param name="EventId">CloudEvents id.</param>
/// <param name="Type">Wire type, e.g. <c>orders.order-placed.v1</c>; its schema is at <c>/schemas/{type}.json</c>.</param>
/// <param name="StoredAt">When the broker stored it.</param>
/// <param name="OccurredAt">Event time (CloudEvents <c>time</c>).</param>
/// <param name="Data">The event payload.</param>
public sealed record OrderHistoryEntry(ulong Sequence, string EventId, string Type, DateTimeOffset StoredAt, DateTimeOffset OccurredAt, JsonElement Data);

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
    DateTimeOffset? AsOf)
{
    public static OrderStateResponse From(OrderState s, DateTimeOffset? asOf) =>
        new(s.OrderId, s.Status, s.CustomerId, s.Lines, s.Total, s.Currency, s.PlacedAt, s.UpdatedAt, s.Carrier, s.TrackingNumber, s.Reason, s.Version, s.EventCount, asOf);
}
