namespace Observability.Contracts.Orders;

/// <summary>
/// The order-summary read model, stored as JSON in the <c>order-summaries</c> KV bucket under the order id.
/// <see cref="LastAppliedSequence"/> is the stream sequence of the newest message of the order accounted for, and every
/// earlier one is accounted for too: applied (listed in <see cref="AppliedSequences"/>, in the order applied) or
/// unreadable (listed in <see cref="DeadLetteredEvents"/>). A query that waits for a sequence therefore reads a summary
/// that reflects every event up to it (read-your-writes), and the delivery audit can tell lost, doubled and
/// out-of-order events apart.
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

    /// <summary>Stream sequences of the applied events, in the order they were applied.</summary>
    public IReadOnlyList<ulong> AppliedSequences { get; init; } = [];

    /// <summary>Messages of the order that cannot be applied (unreadable, unknown type, schema-invalid, rejected).</summary>
    public IReadOnlyList<DeadLetteredEvent> DeadLetteredEvents { get; init; } = [];
}

/// <summary>A message of the order that the projection skipped for good, with the reason it was dead-lettered.</summary>
public sealed record DeadLetteredEvent(ulong Sequence, string Reason, string? Detail);
