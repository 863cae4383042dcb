namespace Observability.Contracts.Orders;

/// <summary>Where an order is in its lifecycle: part of the order-summary read model on the wire.</summary>
public enum OrderStatus
{
    None,
    Placed,
    PaymentAuthorized,
    PaymentDeclined,
    Shipped,
    Cancelled,
}
