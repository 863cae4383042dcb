namespace Observability.Messaging.Publishing;

/// <summary>A stored event: where it landed. <see cref="Duplicate"/> means the broker already had this event id (stored once).</summary>
public readonly record struct PublishResult(string EventId, string Stream, ulong Sequence, bool Duplicate);
