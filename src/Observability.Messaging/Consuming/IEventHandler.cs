namespace Observability.Messaging.Consuming;

/// <summary>
/// A processor role's logic. It gets the events of one partition (one subject is always in the same partition) in
/// stream order, a micro-batch of one or more, and must mark every event before returning. Throwing marks every
/// unmarked event as failed. Mark an event <see cref="HandleOutcome.Applied"/> only after the write that includes it completed.
/// </summary>
public interface IEventHandler
{
    ValueTask HandleAsync(IReadOnlyList<ConsumedEvent> events, CancellationToken cancellationToken);
}
