namespace Observability.Api.Orders;

// Command bodies. Every member is nullable so that a missing field is reported by validation, per field, as a 400
// ValidationProblem, rather than failing deserialization with one opaque error. Optional members have a default, which
// is what the OpenAPI document reads as "not required".

/// <summary>Body of <c>POST /orders</c>.</summary>
/// <param name="CustomerId">Who places the order (1..200 characters).</param>
/// <param name="Currency">ISO 4217 code, three upper-case letters.</param>
/// <param name="Lines">1..100 lines.</param>
/// <param name="OrderId">Optional client-supplied id (^[A-Za-z0-9_-]{1,64}$): makes a retry safe. The server generates one when absent.</param>
public sealed record PlaceOrderRequest(string? CustomerId, string? Currency, IReadOnlyList<OrderLineRequest?>? Lines, string? OrderId = null);

/// <summary>One order line.</summary>
/// <param name="Sku">Product code (1..200 characters).</param>
/// <param name="Quantity">1..10000.</param>
/// <param name="UnitPrice">0 or more.</param>
public sealed record OrderLineRequest(string? Sku, int? Quantity, decimal? UnitPrice);

/// <summary>Body of <c>POST /orders/{id}/payment/authorize</c> (optional: an empty body authorizes the order total).</summary>
/// <param name="Amount">Amount authorized, 0 or more; defaults to the order total.</param>
public sealed record AuthorizePaymentRequest(decimal? Amount = null);

/// <summary>Body of <c>POST /orders/{id}/payment/decline</c>.</summary>
/// <param name="Reason">Why the payment was declined (1..200 characters).</param>
public sealed record DeclinePaymentRequest(string? Reason);

/// <summary>Body of <c>POST /orders/{id}/ship</c>.</summary>
/// <param name="Carrier">1..200 characters.</param>
/// <param name="TrackingNumber">1..200 characters.</param>
public sealed record ShipOrderRequest(string? Carrier, string? TrackingNumber);

/// <summary>Body of <c>POST /orders/{id}/cancel</c>.</summary>
/// <param name="Reason">Why the order is cancelled (1..200 characters).</param>
public sealed record CancelOrderRequest(string? Reason);

/// <summary>An accepted command: the stream sequence of its event (pass it as <c>minSequence</c> to read your write) and the event id.</summary>
/// <param name="OrderId">The order the command applied to.</param>
/// <param name="Sequence">ORDERS stream sequence of the event.</param>
/// <param name="EventId">CloudEvents id of the event.</param>
/// <param name="Replayed">True when this answers a retry of a command already stored (nothing new was appended).</param>
public sealed record CommandAccepted(string OrderId, ulong Sequence, string EventId, bool Replayed);
