namespace Observability.Messaging.Publishing;

/// <summary>Per-event publish options.</summary>
public sealed record PublishOptions
{
    public static PublishOptions Default { get; } = new();

    /// <summary>
    /// The event id (CloudEvents <c>id</c> and <c>Nats-Msg-Id</c>). Give a deterministic one to make retries and
    /// derived events idempotent; null means a new time-ordered Guid.
    /// </summary>
    public string? EventId { get; init; }

    /// <summary>
    /// Optimistic concurrency: the stream sequence of the last event on this subject that the caller saw
    /// (0 for a new aggregate). Null means no check.
    /// </summary>
    public ulong? ExpectedLastSubjectSequence { get; init; }

    /// <summary>
    /// How long to keep retrying while the broker does not answer (down, restarting, a leader election), with the same
    /// event id and expected sequence, so a publish whose ack was lost is stored once (the dedup window recognises it).
    /// Zero (the default) fails at once, which suits a request that a client can retry itself.
    /// </summary>
    public TimeSpan RetryFor { get; init; }

    /// <summary>The id of the event that caused this one (CloudEvents extension <c>causationid</c>); null for none.</summary>
    public string? CausationId { get; init; }

    /// <summary>
    /// The business flow this event belongs to (CloudEvents extension <c>correlationid</c>). Null means the event's
    /// aggregate key (an order's lifecycle shares its order id), or the event's own id when it has no key.
    /// </summary>
    public string? CorrelationId { get; init; }

    /// <summary>Load-simulator run id, carried in a header so a run's events can be found.</summary>
    public string? RunId { get; init; }
}
