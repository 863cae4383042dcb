namespace Observability.Messaging.Consuming;

/// <summary>What a handler did with one event; decides ack, nak or dead letter.</summary>
public enum HandleOutcome
{
    /// <summary>Not decided yet; left so after the handler returns, it counts as a failure.</summary>
    Pending,

    /// <summary>The write that includes this event completed: ack.</summary>
    Applied,

    /// <summary>Already applied earlier (a redelivery after the write): ack without a second write.</summary>
    Duplicate,

    /// <summary>Permanently invalid: dead-letter with reason <c>rejected</c>, then ack.</summary>
    Rejected,

    /// <summary>Transient failure: nak with back-off, or dead-letter on the last allowed delivery.</summary>
    Failed,
}
