using Observability.Contracts.Orders;

namespace Observability.Orders.Domain;

/// <summary>
/// The state of one order: a left fold of its events with pure functions. <see cref="Version"/> is the
/// stream sequence of the last event applied, which is the expected sequence for the next append.
/// </summary>
public sealed record OrderState
{
    public static readonly OrderState Initial = new();

    public string OrderId { get; init; } = "";
    public OrderStatus Status { get; init; } = OrderStatus.None;
    public string? CustomerId { get; init; }
    public IReadOnlyList<OrderLine> Lines { get; init; } = [];
    public decimal Total { get; init; }
    public string? Currency { get; init; }
    public DateTimeOffset? PlacedAt { get; init; }
    public DateTimeOffset? UpdatedAt { get; init; }
    public string? Carrier { get; init; }
    public string? TrackingNumber { get; init; }
    public string? Reason { get; init; }
    public ulong Version { get; init; }
    public int EventCount { get; init; }

    public bool Exists => Status != OrderStatus.None;

    public static OrderState Apply(OrderState state, IOrderEvent e, ulong sequence)
    {
        var next = e switch
        {
            OrderPlaced p => state with
            {
                OrderId = p.OrderId,
                Status = OrderStatus.Placed,
                CustomerId = p.CustomerId,
                Lines = p.Lines,
                Total = p.Total,
                Currency = p.Currency,
                PlacedAt = p.OccurredAt,
            },
            PaymentAuthorized => state with { Status = OrderStatus.PaymentAuthorized },
            PaymentDeclined d => state with { Status = OrderStatus.PaymentDeclined, Reason = d.Reason },
            OrderShipped s => state with { Status = OrderStatus.Shipped, Carrier = s.Carrier, TrackingNumber = s.TrackingNumber },
            OrderCancelled c => state with { Status = OrderStatus.Cancelled, Reason = c.Reason },
            _ => state,
        };
        return next with { UpdatedAt = e.OccurredAt, Version = sequence, EventCount = state.EventCount + 1 };
    }

    public static OrderState Fold(IEnumerable<(IOrderEvent Event, ulong Sequence)> events) =>
        events.Aggregate(Initial, (s, x) => Apply(s, x.Event, x.Sequence));
}
