namespace Observability.Contracts.Orders;

/// <summary>
/// The order-summary read model, stored as JSON in the <c>order-summaries</c> KV bucket under the order id.
/// <see cref="LastAppliedSequence"/> is the stream sequence of the newest event applied: it makes the projection
/// idempotent (older or equal sequences are skipped) and lets a query wait for its own write (read-your-writes).
/// </summary>
public sealed record OrderSummary
{
    public required string OrderId { get; init; }
    public required OrderStatus Status { get; init; }
    public string? CustomerId { get; init; }
    public decimal Total { get; init; }
    public string? Currency { get; init; }
    public int LineCount { get; init; }
    public int ItemCount { get; init; }
    public DateTimeOffset? PlacedAt { get; init; }
    public DateTimeOffset UpdatedAt { get; init; }
    public string? Carrier { get; init; }
    public string? TrackingNumber { get; init; }
    public string? Reason { get; init; }
    public int EventCount { get; init; }
    public required ulong LastAppliedSequence { get; init; }
}
