using Observability.Contracts.Orders;

namespace Observability.Orders.EventStore;

/// <summary>
/// One message on an order's subject as the event store holds it: a readable event, or one that is not (written by
/// something other than the kit's publisher) with the reason it was dead-lettered. The store is append-only, so an
/// unreadable message stays; readers show it for what it is and fold around it.
/// </summary>
public sealed record StoredMessage(
    ulong Sequence,
    DateTimeOffset StoredAt,
    string? EventId,
    string? EventType,
    IOrderEvent? Event,
    string? FailureReason = null,
    string? FailureDetail = null)
{
    public bool IsReadable => Event is not null;

    public StoredEvent ToStoredEvent() =>
        new(Sequence, StoredAt, EventId ?? "", EventType ?? "", Event ?? throw new InvalidOperationException($"Message #{Sequence} is not readable: {FailureReason}"));
}
