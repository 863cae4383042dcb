namespace Observability.Contracts.Topology;

/// <summary>
/// Header names. Events travel in CloudEvents binary content mode (the NATS protocol binding):
/// context attributes as <c>ce-*</c> headers, the payload as the message data.
/// </summary>
public static class MessageHeaders
{
    public const string SpecVersion = "ce-specversion";
    public const string Id = "ce-id";
    public const string Type = "ce-type";
    public const string Source = "ce-source";
    public const string Time = "ce-time";
    public const string DataSchema = "ce-dataschema";
    public const string Subject = "ce-subject";
    public const string ContentType = "content-type";

    /// <summary>CloudEvents extension: the id of the event (or command's event) that caused this one.</summary>
    public const string CausationId = "ce-causationid";

    /// <summary>CloudEvents extension: shared by every event of one business flow (an order's lifecycle: its order id).</summary>
    public const string CorrelationId = "ce-correlationid";

    /// <summary>JetStream de-duplication key; always equal to the event id.</summary>
    public const string NatsMsgId = "Nats-Msg-Id";

    public const string TraceParent = "traceparent";
    public const string TraceState = "tracestate";
    public const string Baggage = "baggage";

    /// <summary>Load-simulator run id, so a run's events and traces can be found.</summary>
    public const string LoadRunId = "kit-run-id";

    // Dead-letter headers: why and from where.
    public const string DeadLetterReason = "kit-dl-reason";
    public const string DeadLetterDetail = "kit-dl-detail";
    public const string DeadLetterStream = "kit-dl-stream";
    public const string DeadLetterSequence = "kit-dl-sequence";
    public const string DeadLetterConsumer = "kit-dl-consumer";
    public const string DeadLetterDeliveries = "kit-dl-deliveries";
    public const string DeadLetterSubject = "kit-dl-subject";

    public const string CloudEventsSpecVersion = "1.0";
    public const string JsonContentType = "application/json";
}
