using System.Collections.Concurrent;
using System.Diagnostics;
using NATS.Client.Core;
using Observability.Messaging.Telemetry;
using Prometheus;

namespace Observability.Messaging.Consuming;

/// <summary>
/// The telemetry of one consumer: a Consumer-kind <c>process</c> span per message (parented to the producer's, or
/// linked for replays), and its metric children, looked up once per event type rather than per message. Ends each
/// span with the settlement's outcome.
/// </summary>
internal sealed class ConsumerTelemetry(ConsumerHostOptions options)
{
    /// <summary>Label value for messages whose type could not be read: keeps the label bounded.</summary>
    public const string UnknownEventType = "unknown";

    private readonly ConcurrentDictionary<string, ByType> _byType = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, string> _spanNames = new(StringComparer.Ordinal);

    public Counter.Child Redeliveries { get; } = ConsumerMetrics.Redeliveries.WithLabels(options.Stream, options.Consumer);

    public ByType For(string? eventType) => _byType.GetOrAdd(eventType ?? UnknownEventType, t => new ByType(options.Stream, options.Consumer, t));

    /// <summary>Starts the process span of a received message, or returns null when nobody listens.</summary>
    public Activity? StartProcessSpan(ConsumedEvent consumed, NatsHeaders? headers)
    {
        var source = KitActivities.Source;
        if (!source.HasListeners())
        {
            return null;
        }

        var remote = TraceContext.Extract(headers);
        // Without an explicit parent, StartActivity would adopt whatever span is current (e.g. the previous message's).
        Activity.Current = null;
        var name = _spanNames.GetOrAdd(consumed.Template, t => "process " + t);
        var activity = options.Tracing == TraceParenting.Parent || remote == default
            ? source.StartActivity(name, ActivityKind.Consumer, remote)
            : source.StartActivity(name, ActivityKind.Consumer, default(ActivityContext), links: [new ActivityLink(remote)]);
        if (activity is { IsAllDataRequested: true })
        {
            MessagingSpans.TagOperation(activity, "process", "process", consumed.Subject, consumed.Template, options.Stream);
            activity.SetTag(KitActivities.ConsumerGroup, options.Consumer);
            activity.SetTag(KitActivities.StreamSequence, consumed.StreamSequence);
            activity.SetTag(KitActivities.DeliveryCount, consumed.DeliveryCount);
        }

        return activity;
    }

    /// <summary>Records how the message was settled and ends its span.</summary>
    public void Finish(ConsumedEvent e, ByType metrics, string outcome, string? errorType)
    {
        metrics.Duration.Observe(Stopwatch.GetElapsedTime(e.StartedAt).TotalSeconds);
        if (e.Activity is { } activity)
        {
            activity.SetTag(KitActivities.Outcome, outcome);
            if (errorType is not null)
            {
                MessagingSpans.TagError(activity, errorType);
            }

            activity.Stop();
        }

        options.Settled?.Invoke(e);
    }

    public sealed class ByType(string stream, string consumer, string eventType)
    {
        public Counter.Child Acked { get; } = ConsumerMetrics.MessagesProcessed.WithLabels(stream, consumer, eventType, ConsumerMetrics.Outcome.Acked);
        public Counter.Child Nak { get; } = ConsumerMetrics.MessagesProcessed.WithLabels(stream, consumer, eventType, ConsumerMetrics.Outcome.Nak);
        public Counter.Child DeadLettered { get; } = ConsumerMetrics.MessagesProcessed.WithLabels(stream, consumer, eventType, ConsumerMetrics.Outcome.DeadLettered);
        public Counter.Child DuplicateSkipped { get; } = ConsumerMetrics.MessagesProcessed.WithLabels(stream, consumer, eventType, ConsumerMetrics.Outcome.DuplicateSkipped);
        public Histogram.Child Duration { get; } = ConsumerMetrics.ProcessingDuration.WithLabels(stream, consumer, eventType);
        public Histogram.Child Age { get; } = ConsumerMetrics.EventAge.WithLabels(stream, consumer, eventType);
    }
}
