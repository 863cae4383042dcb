namespace Observability.Api.Orders;

/// <summary>The read-your-writes contract on the wire (docs/api.md, "Read your writes").</summary>
public static class ConsistencyHeaders
{
    /// <summary>Request: the sequence a command returned; the query waits for the projection to reach it.</summary>
    public const string MinSequence = "X-Min-Sequence";

    /// <summary>Response: <see cref="Fresh"/> or <see cref="Stale"/>.</summary>
    public const string Consistency = "X-Consistency";

    /// <summary>Response: the stream sequence of the newest event the projection has applied to this order.</summary>
    public const string ProjectionSequence = "X-Projection-Sequence";

    /// <summary>The summary reflects every event of the order up to the requested sequence (or, without one, every stored event).</summary>
    public const string Fresh = "fresh";

    /// <summary>The projection has not caught up within the wait; the body is the older summary.</summary>
    public const string Stale = "stale";
}
