using Observability.Contracts.Orders;

namespace Observability.Orders.EventStore;

/// <summary>One event as the event store holds it: its stream sequence, broker timestamp and CloudEvents id and type.</summary>
public sealed record StoredEvent(ulong Sequence, DateTimeOffset StoredAt, string EventId, string EventType, IOrderEvent Event);
