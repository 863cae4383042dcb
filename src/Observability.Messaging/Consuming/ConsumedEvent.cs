using System.Diagnostics;
using NATS.Client.JetStream;
using Observability.Contracts.Events;

namespace Observability.Messaging.Consuming;

/// <summary>
/// One decoded event handed to an <see cref="IEventHandler"/>: the event, its CloudEvents attributes and where it
/// sits in the stream. The handler marks each event with an outcome (<see cref="Applied"/>, <see cref="Duplicate"/>,
/// <see cref="Reject"/> or <see cref="Fail"/>); the consumer host acks, naks or dead-letters accordingly.
/// </summary>
public sealed class ConsumedEvent
{
    internal ConsumedEvent(INatsJSMsg<byte[]> message, NatsJSMsgMetadata metadata, long startedAt)
    {
        Message = message;
        Subject = message.Subject;
        StreamSequence = metadata.Sequence.Stream;
        DeliveryCount = metadata.NumDelivered;
        Timestamp = metadata.Timestamp;
        StartedAt = startedAt;
    }

    private ConsumedEvent(string subject, ulong sequence)
    {
        Subject = subject;
        StreamSequence = sequence;
        DeliveryCount = 1;
        StartedAt = Stopwatch.GetTimestamp();
    }

    public string Subject { get; }

    public ulong StreamSequence { get; }

    /// <summary>1 on the first delivery.</summary>
    public ulong DeliveryCount { get; }

    /// <summary>When the broker stored the message.</summary>
    public DateTimeOffset Timestamp { get; }

    /// <summary>The CloudEvents <c>id</c>.</summary>
    public string EventId { get; internal set; } = "";

    public EventTypeInfo Type { get; internal set; } = null!;

    public IEvent Event { get; internal set; } = null!;

    /// <summary>The CloudEvents <c>time</c>: when the fact happened.</summary>
    public DateTimeOffset EventTime { get; internal set; }

    /// <summary>The aggregate's previous stream sequence when the publisher sent it (see <see cref="Envelopes.DecodedEnvelope.PreviousSubjectSequence"/>).</summary>
    public ulong? PreviousSubjectSequence { get; internal set; }

    /// <summary>This message's process span, when tracing is on.</summary>
    public Activity? Activity { get; internal set; }

    public HandleOutcome Outcome { get; private set; }

    public string? Detail { get; private set; }

    public Exception? Error { get; private set; }

    internal INatsJSMsg<byte[]> Message { get; } = null!;

    internal long StartedAt { get; }

    internal string Template { get; set; } = "";

    /// <summary>A stored message handed to the handler again by a replay: there is no delivery to ack.</summary>
    internal static ConsumedEvent ForReplay(string subject, ulong sequence, Envelopes.DecodedEnvelope envelope) => new(subject, sequence)
    {
        EventId = envelope.EventId ?? "",
        Type = envelope.Type!,
        Event = envelope.Event!,
        EventTime = envelope.EventTime,
        PreviousSubjectSequence = envelope.PreviousSubjectSequence,
    };

    public void Applied() => Set(HandleOutcome.Applied, null, null);

    public void Duplicate() => Set(HandleOutcome.Duplicate, null, null);

    /// <summary>The event is permanently invalid for this handler: it goes to the dead-letter stream.</summary>
    public void Reject(string reason) => Set(HandleOutcome.Rejected, reason, null);

    /// <summary>A transient failure: the message is redelivered later (or dead-lettered on its last delivery).</summary>
    public void Fail(Exception error) => Set(HandleOutcome.Failed, error.Message, error);

    private void Set(HandleOutcome outcome, string? detail, Exception? error)
    {
        Outcome = outcome;
        Detail = detail;
        Error = error;
    }
}
