using System.Collections.Concurrent;
using Observability.Messaging.Telemetry;
using Prometheus;

namespace Observability.Messaging.Consuming;

/// <summary>
/// The labelled metric children of one consumer, looked up once per event type rather than per message, and the
/// span names, built once per destination template.
/// </summary>
internal sealed class ConsumerTelemetry(string stream, string consumer)
{
    /// <summary>Label value for messages whose type could not be read: keeps the label bounded.</summary>
    public const string UnknownEventType = "unknown";

    private readonly ConcurrentDictionary<string, ByType> _byType = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, string> _spanNames = new(StringComparer.Ordinal);

    public Counter.Child Redeliveries { get; } = KitMetrics.Redeliveries.WithLabels(stream, consumer);

    public ByType For(string eventType) => _byType.GetOrAdd(eventType, t => new ByType(stream, consumer, t));

    public string SpanName(string template) => _spanNames.GetOrAdd(template, t => "process " + t);

    public sealed class ByType(string stream, string consumer, string eventType)
    {
        public Counter.Child Acked { get; } = KitMetrics.MessagesProcessed.WithLabels(stream, consumer, eventType, KitMetrics.ProcessOutcome.Acked);
        public Counter.Child Nak { get; } = KitMetrics.MessagesProcessed.WithLabels(stream, consumer, eventType, KitMetrics.ProcessOutcome.Nak);
        public Counter.Child DeadLettered { get; } = KitMetrics.MessagesProcessed.WithLabels(stream, consumer, eventType, KitMetrics.ProcessOutcome.DeadLettered);
        public Counter.Child DuplicateSkipped { get; } = KitMetrics.MessagesProcessed.WithLabels(stream, consumer, eventType, KitMetrics.ProcessOutcome.DuplicateSkipped);
        public Histogram.Child Duration { get; } = KitMetrics.ProcessingDuration.WithLabels(stream, consumer, eventType);
        public Histogram.Child Age { get; } = KitMetrics.EventAge.WithLabels(stream, consumer, eventType);
    }
}
