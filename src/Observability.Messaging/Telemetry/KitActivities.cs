using System.Diagnostics;

namespace Observability.Messaging.Telemetry;

/// <summary>
/// The kit's one ActivitySource and the attribute names it uses (OpenTelemetry messaging semantic conventions).
/// Span names are <c>{operation} {destination}</c>; publish is Producer kind, process is Consumer kind.
/// </summary>
public static class KitActivities
{
    public const string SourceName = "Observability.Kit";

    public static readonly ActivitySource Source = new(SourceName, typeof(KitActivities).Assembly.GetName().Version?.ToString());

    // Messaging semantic-convention attributes.
    public const string MessagingSystem = "messaging.system";
    public const string MessagingSystemNats = "nats";
    public const string OperationName = "messaging.operation.name";
    public const string OperationType = "messaging.operation.type";
    public const string DestinationName = "messaging.destination.name";
    public const string DestinationTemplate = "messaging.destination.template";
    public const string ConsumerGroup = "messaging.consumer.group.name";
    public const string MessageId = "messaging.message.id";
    public const string BodySize = "messaging.message.body.size";
    public const string StreamSequence = "messaging.nats.stream_sequence";
    public const string DeliveryCount = "messaging.nats.delivery_count";
    public const string StreamName = "messaging.nats.stream";
    public const string ErrorType = "error.type";

    // Kit attributes: ids that help find a trace, never payloads. An aggregate's key attribute (e.g. kit.order_id)
    // comes with its event family's route.
    public const string EventType = "kit.event_type";
    public const string Outcome = "kit.outcome";
    public const string Duplicate = "kit.duplicate";
    public const string LoadRunId = "kit.run_id";
}
