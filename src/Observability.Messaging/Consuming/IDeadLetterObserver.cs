namespace Observability.Messaging.Consuming;

/// <summary>
/// Implemented by a handler whose read model must account for messages the host dead-letters before they reach it
/// (unreadable, unknown type, schema-invalid), e.g. to say "this order has a dead-lettered event" rather than
/// "pending". Called after the letter is filed and before the message is acked; throwing naks it for a later attempt.
/// </summary>
public interface IDeadLetterObserver
{
    ValueTask OnDeadLetteredAsync(DeadLetteredMessage message, CancellationToken cancellationToken);
}
