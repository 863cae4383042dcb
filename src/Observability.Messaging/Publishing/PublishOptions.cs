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

    /// <summary>Load-simulator run id, carried in a header so a run's events can be found.</summary>
    public string? RunId { get; init; }
}
