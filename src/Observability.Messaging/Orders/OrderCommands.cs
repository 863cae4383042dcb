using Observability.Contracts.Orders;

namespace Observability.Messaging.Orders;

// The write side's commands. Validation of shape (required fields, ranges) happens at the edge (API, producer);
// the handler enforces the lifecycle rules on the folded state and appends with optimistic concurrency.

public sealed record PlaceOrder(string OrderId, string CustomerId, IReadOnlyList<OrderLine> Lines, string Currency);

public sealed record AuthorizePayment(string OrderId, decimal? Amount);

public sealed record DeclinePayment(string OrderId, string Reason);

public sealed record ShipOrder(string OrderId, string Carrier, string TrackingNumber);

public sealed record CancelOrder(string OrderId, string Reason);
