using Observability.Contracts.Events;

namespace Observability.Messaging.Envelopes;

/// <summary>
/// A stored message read as a CloudEvents envelope: either a readable event or the reason it is not, in the terms
/// of the dead-letter stream (<see cref="DeadLetters.DeadLetterReason"/>). The consumer host, the event store
/// and the delivery audit all judge a message through <see cref="EnvelopeDecoder"/>, so what one calls unreadable the
/// others do too.
/// </summary>
public sealed record DecodedEnvelope
{
    public string? EventId { get; init; }

    /// <summary>The <c>ce-type</c> header as sent, known or not.</summary>
    public string? TypeName { get; init; }

    public EventTypeInfo? Type { get; init; }

    public IEvent? Event { get; init; }

    /// <summary>The CloudEvents <c>time</c> (the event's own time when the header is missing or unparsable).</summary>
    public DateTimeOffset EventTime { get; init; }

    /// <summary>
    /// The aggregate's previous stream sequence, from <c>Nats-Expected-Last-Subject-Sequence</c>: the broker stored the
    /// message only because it matched, so it is a fact, not a claim. Null when the publisher did not send it.
    /// </summary>
    public ulong? PreviousSubjectSequence { get; init; }

    /// <summary>Null for a readable event, else the dead-letter reason.</summary>
    public string? FailureReason { get; init; }

    public string? FailureDetail { get; init; }

    public bool IsReadable => FailureReason is null;
}
