using Observability.Contracts.Orders;

namespace Observability.Processors.Orders;

/// <summary>The order summary as a left fold of the order's events: the same transitions as <see cref="OrderState"/>, flattened for queries.</summary>
internal static class OrderSummaryFold
{
    public static OrderSummary Apply(OrderSummary? summary, IOrderEvent e, ulong sequence)
    {
        var s = summary ?? new OrderSummary { OrderId = e.OrderId, Status = OrderStatus.None, LastAppliedSequence = 0 };
        s = e switch
        {
            OrderPlaced p => s with
            {
                Status = OrderStatus.Placed,
                CustomerId = p.CustomerId,
                Total = p.Total,
                Currency = p.Currency,
                LineCount = p.Lines.Count,
                ItemCount = p.Lines.Sum(l => l.Quantity),
                PlacedAt = p.OccurredAt,
            },
            PaymentAuthorized => s with { Status = OrderStatus.PaymentAuthorized },
            PaymentDeclined d => s with { Status = OrderStatus.PaymentDeclined, Reason = d.Reason },
            OrderShipped sh => s with { Status = OrderStatus.Shipped, Carrier = sh.Carrier, TrackingNumber = sh.TrackingNumber },
            OrderCancelled c => s with { Status = OrderStatus.Cancelled, Reason = c.Reason },
            _ => s,
        };
        return s with { UpdatedAt = e.OccurredAt, EventCount = s.EventCount + 1, LastAppliedSequence = sequence };
    }

    /// <summary>The <c>status</c> label of <c>kit_orders_by_status_total</c> for the transition an event makes.</summary>
    public static string? StatusLabel(IOrderEvent e) => e switch
    {
        OrderPlaced => "placed",
        PaymentAuthorized => "payment_authorized",
        PaymentDeclined => "payment_declined",
        OrderShipped => "shipped",
        OrderCancelled => "cancelled",
        _ => null,
    };
}
