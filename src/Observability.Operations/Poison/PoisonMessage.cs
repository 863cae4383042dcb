namespace Observability.Operations.Poison;

/// <summary>One poison message as stored: its kind, subject and stream sequence.</summary>
public sealed record PoisonMessage(string Kind, string Stream, string Subject, ulong Sequence);
