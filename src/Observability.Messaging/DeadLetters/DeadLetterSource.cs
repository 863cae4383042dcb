namespace Observability.Messaging.DeadLetters;

/// <summary>Where a dead letter came from: the source stream and sequence, the consumer, and how often it was delivered.</summary>
public readonly record struct DeadLetterSource(string Stream, string Consumer, ulong Sequence, ulong Deliveries, string Subject);
