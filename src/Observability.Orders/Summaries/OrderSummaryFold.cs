using Observability.Contracts.Orders;

namespace Observability.Orders.Summaries;

/// <summary>
/// The order summary as a left fold of the order's messages: the same transitions as <see cref="Domain.OrderState"/>,
/// flattened for queries. The projection and the delivery audit both use it, so "the summary equals a fresh fold of
/// the order's events" is a comparison of like with like.
/// </summary>
public static class OrderSummaryFold
{
    public static OrderSummary Empty(string orderId) => new() { OrderId = orderId, Status = OrderStatus.None, LastAppliedSequence = 0 };

    /// <summary>Applies one event at its stream sequence.</summary>
    public static OrderSummary Apply(OrderSummary? summary, IOrderEvent e, ulong sequence)
    {
        var s = summary ?? Empty(e.OrderId);
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
        return s with
        {
            UpdatedAt = e.OccurredAt,
            EventCount = s.EventCount + 1,
            LastAppliedSequence = sequence,
            AppliedSequences = [.. s.AppliedSequences, sequence],
        };
    }

    /// <summary>Accounts for a message that cannot be applied: recorded with its reason, the position moves past it.</summary>
    public static OrderSummary Skip(OrderSummary? summary, string orderId, ulong sequence, string reason, string? detail)
    {
        var s = summary ?? Empty(orderId);
        return s with
        {
            LastAppliedSequence = Math.Max(s.LastAppliedSequence, sequence),
            DeadLetteredEvents = [.. s.DeadLetteredEvents, new DeadLetteredEvent(sequence, reason, detail)],
        };
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
