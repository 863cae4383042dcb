namespace Observability.Messaging.Consuming;

/// <summary>Where a dead-lettered message sat and why it was filed.</summary>
public sealed record DeadLetteredMessage(string Subject, ulong StreamSequence, string Reason, string? Detail);
