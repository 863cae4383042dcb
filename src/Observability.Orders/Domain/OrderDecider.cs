using Observability.Contracts.Orders;

namespace Observability.Orders.Domain;

/// <summary>
/// The order lifecycle as a pure function: <c>decide(state, command) -> events | rejection</c>. No I/O and no clock of
/// its own (the time of the new event is passed in), so every rule is tested with given events, a command, and the
/// expected events or rejection.
/// </summary>
public static class OrderDecider
{
    public static Decision Decide(OrderState state, IOrderCommand command, DateTimeOffset now)
    {
        if (command is PlaceOrder place)
        {
            return Place(state, place, now);
        }

        if (!state.Exists)
        {
            return Decision.NotFound(command.OrderId);
        }

        return command switch
        {
            AuthorizePayment c => Allowed(CanAuthorizePayment(state), () =>
                new PaymentAuthorized(state.OrderId, c.Amount ?? state.Total, state.Currency ?? "EUR", now)),
            DeclinePayment c => Allowed(CanDeclinePayment(state), () => new PaymentDeclined(state.OrderId, c.Reason, now)),
            ShipOrder c => Allowed(CanShip(state), () => new OrderShipped(state.OrderId, c.Carrier, c.TrackingNumber, now)),
            CancelOrder c => Allowed(CanCancel(state), () => new OrderCancelled(state.OrderId, c.Reason, now)),
            _ => throw new ArgumentException($"Unknown order command {command.GetType().Name}", nameof(command)),
        };
    }

    private static Decision Place(OrderState state, PlaceOrder command, DateTimeOffset now)
    {
        if (state.Exists)
        {
            // A retry of the same place command (client-supplied id) is answered with the original result.
            return SamePlacement(state, command) ? Decision.AlreadyDone() : Decision.Violation($"Order {state.OrderId} already exists.");
        }

        var total = command.Lines.Sum(l => l.Quantity * l.UnitPrice);
        return Decision.Append(new OrderPlaced(command.OrderId, command.CustomerId, command.Lines, total, command.Currency, now));
    }

    private static Decision Allowed(string? violation, Func<IOrderEvent> decide) =>
        violation is null ? Decision.Append(decide()) : Decision.Violation(violation);

    private static bool SamePlacement(OrderState state, PlaceOrder command) =>
        state.CustomerId == command.CustomerId
        && state.Currency == command.Currency
        && state.Lines.SequenceEqual(command.Lines);

    private static string? CanAuthorizePayment(OrderState s) => s.Status switch
    {
        OrderStatus.Placed or OrderStatus.PaymentDeclined => null,
        OrderStatus.PaymentAuthorized => "Payment is already authorized.",
        OrderStatus.Cancelled => "The order is cancelled: no payment on a cancelled order.",
        _ => "The order has shipped.",
    };

    private static string? CanDeclinePayment(OrderState s) => s.Status switch
    {
        OrderStatus.Placed or OrderStatus.PaymentDeclined => null,
        OrderStatus.PaymentAuthorized => "Payment is already authorized.",
        OrderStatus.Cancelled => "The order is cancelled.",
        _ => "The order has shipped.",
    };

    private static string? CanShip(OrderState s) => s.Status switch
    {
        OrderStatus.PaymentAuthorized => null,
        OrderStatus.Shipped => "The order has already shipped.",
        OrderStatus.Cancelled => "The order is cancelled.",
        _ => "No shipment before payment is authorized.",
    };

    private static string? CanCancel(OrderState s) => s.Status switch
    {
        OrderStatus.Placed or OrderStatus.PaymentAuthorized or OrderStatus.PaymentDeclined => null,
        OrderStatus.Shipped => "No cancellation after shipment.",
        _ => "The order is already cancelled.",
    };
}
