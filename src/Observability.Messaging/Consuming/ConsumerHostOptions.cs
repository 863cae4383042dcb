using Observability.Contracts.Topology;

namespace Observability.Messaging.Consuming;

/// <summary>How one processor role consumes its durable. Replicas with the same <see cref="Stream"/> and <see cref="Consumer"/> compete for messages.</summary>
public sealed record ConsumerHostOptions
{
    /// <summary>The source stream, e.g. <c>ORDERS</c>.</summary>
    public required string Stream { get; init; }

    /// <summary>The durable pull consumer (it must exist; the topology creates it).</summary>
    public required string Consumer { get; init; }

    /// <summary>
    /// Worker partitions. Messages are partitioned by subject, so one order's events are applied in order while
    /// different orders are processed concurrently. Default 32; use 1 for a handler that keeps global state.
    /// </summary>
    public int Concurrency { get; init; } = 32;

    /// <summary>Messages requested per pull (the client's buffer). Default 1000.</summary>
    public int PullBatchSize { get; init; } = 1000;

    /// <summary>
    /// How long one pull request lives (the client sends heartbeats at half of it). After a broker restart the consumer
    /// resumes within about this long. Default 5 s.
    /// </summary>
    public TimeSpan PullExpiry { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Most events handed to the handler at once per partition (a micro-batch of what is waiting). Default 100.</summary>
    public int MaxHandlerBatch { get; init; } = 100;

    /// <summary>Validate every payload against its JSON Schema (invalid ones are dead-lettered). Default on.</summary>
    public bool ValidateSchemas { get; init; } = true;

    /// <summary>Parent process spans to the producer (live) or link to it (replays, rebuilds). Default <see cref="TraceParenting.Parent"/>.</summary>
    public TraceParenting Tracing { get; init; } = TraceParenting.Parent;

    /// <summary>Nak delay of the first failed delivery; it doubles with each further delivery. Default 1 s.</summary>
    public TimeSpan NakBaseDelay { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Cap of the nak delay. Default 30 s.</summary>
    public TimeSpan NakMaxDelay { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>On shutdown, how long in-flight messages may take before the handler is cancelled. Default 10 s.</summary>
    public TimeSpan ShutdownTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// After a nak, nak the same subject's later messages until the failed one is redelivered and settles, so one
    /// key's events are never applied out of order. Default on; off for order-insensitive handlers (e.g. windows
    /// that record every counted sequence).
    /// </summary>
    public bool HoldSubjectAfterFailure { get; init; } = true;

    /// <summary>Steps run around the handler (fault switches, test hooks). Default none.</summary>
    public IReadOnlyList<IProcessingInterceptor> Interceptors { get; init; } = [];

    /// <summary>
    /// Awaited before each pulled message is dispatched; while it waits the consumer stops taking messages (the
    /// client's buffer fills, so pulling stops too). The fault switchboard's <c>stall</c> plugs in here. Default none.
    /// </summary>
    public Func<CancellationToken, ValueTask>? PullGate { get; init; }

    /// <summary>
    /// The low-cardinality destination name of a subject, for span names. Default: the topology's own
    /// (<see cref="Subjects.TemplateOf"/>), e.g. <c>orders.{order_id}</c> for every order subject.
    /// </summary>
    public Func<string, string> DestinationTemplate { get; init; } = Subjects.TemplateOf;

    /// <summary>Called after each message is settled (acked, nakked or dead-lettered): a hook for benchmarks and tests.</summary>
    public Action<ConsumedEvent>? Settled { get; init; }
}
