namespace Observability.Messaging.Consuming;

/// <summary>How a process span relates to the producer's trace context found in the message's <c>traceparent</c>.</summary>
public enum TraceParenting
{
    /// <summary>Live processing: the process span is a child of the publish span (one trace through the broker).</summary>
    Parent,

    /// <summary>Replays and rebuilds: a new trace per message that links to the old publish span instead of joining it.</summary>
    Link,
}
