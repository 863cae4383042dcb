namespace Observability.Contracts.Topology;

/// <summary>JetStream stream names. Every component takes them from here.</summary>
public static class Streams
{
    /// <summary>The event store: append-only system of record, one subject per order, no age limit.</summary>
    public const string Orders = "ORDERS";

    /// <summary>High-volume clickstream, bounded by age and size (a broker retention, not a record).</summary>
    public const string Clickstream = "CLICKSTREAM";

    /// <summary>Messages that could not be processed, with the reason and where they came from.</summary>
    public const string DeadLetter = "DEADLETTER";
}
