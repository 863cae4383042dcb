using NATS.Client.Core;

namespace Observability.Messaging.DeadLetters;

/// <summary>One message in the DEADLETTER stream: the original payload and headers plus why and from where.</summary>
public sealed record DeadLetter(
    ulong Sequence,
    DateTimeOffset StoredAt,
    string Reason,
    string? Detail,
    DeadLetterSource Source,
    string? EventId,
    string? EventType,
    NatsHeaders Headers,
    ReadOnlyMemory<byte> Data);
