using Observability.Contracts.Orders;

namespace Observability.Orders.Domain;

// The write side's commands. Validation of shape (required fields, ranges) happens at the edge (API, producer);
// the decider enforces the lifecycle rules on the folded state.

public interface IOrderCommand
{
    string OrderId { get; }
}

public sealed record PlaceOrder(string OrderId, string CustomerId, IReadOnlyList<OrderLine> Lines, string Currency) : IOrderCommand;

public sealed record AuthorizePayment(string OrderId, decimal? Amount) : IOrderCommand;

public sealed record DeclinePayment(string OrderId, string Reason) : IOrderCommand;

public sealed record ShipOrder(string OrderId, string Carrier, string TrackingNumber) : IOrderCommand;

public sealed record CancelOrder(string OrderId, string Reason) : IOrderCommand;
