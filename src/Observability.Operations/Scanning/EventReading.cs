using System.Globalization;
using System.Text.Json;
using NATS.Client.Core;
using Observability.Contracts.Events;
using Observability.Contracts.Orders;
using Observability.Contracts.Topology;
using Observability.Messaging.Telemetry;

namespace Observability.Operations.Scanning;

/// <summary>
/// Decides, like the consumer host does, whether a stored message is a readable event: CloudEvents headers present,
/// a known type, a payload that deserializes and passes its schema, and for orders the subject's order id. A message
/// that fails is one the processors skip (dead-letter) by design, so the audit expects it not to be applied.
/// </summary>
internal static class EventReading
{
    public static ReadEvent Read(NatsHeaders? headers, byte[] data, string? expectedOrderId = null)
    {
        if (headers is null)
        {
            return ReadEvent.Unreadable(KitMetrics.DeadLetterReason.Unreadable, "no headers");
        }

        if (!headers.TryGetValue(MessageHeaders.Type, out var typeName) || !headers.TryGetValue(MessageHeaders.Id, out _))
        {
            return ReadEvent.Unreadable(KitMetrics.DeadLetterReason.Unreadable, "missing ce-type or ce-id");
        }

        if (!EventCatalog.TryGet(typeName.ToString(), out var type))
        {
            return ReadEvent.Unreadable(KitMetrics.DeadLetterReason.UnknownType, $"unknown event type '{typeName}'");
        }

        IEvent e;
        try
        {
            e = EventCatalog.Deserialize(type, data);
        }
        catch (Exception ex) when (ex is JsonException or NotSupportedException or InvalidOperationException or ArgumentException)
        {
            return ReadEvent.Unreadable(KitMetrics.DeadLetterReason.Unreadable, ex.Message);
        }

        if (QuickSchema.Validate(type, data) is { } schemaError)
        {
            return ReadEvent.Unreadable(KitMetrics.DeadLetterReason.SchemaInvalid, schemaError);
        }

        if (expectedOrderId is not null && (e as IOrderEvent)?.OrderId != expectedOrderId)
        {
            return ReadEvent.Unreadable(KitMetrics.DeadLetterReason.Rejected, $"order id does not match subject order {expectedOrderId}");
        }

        var time = headers.TryGetValue(MessageHeaders.Time, out var t)
            && DateTimeOffset.TryParse(t.ToString(), CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var parsed)
            ? parsed
            : e.OccurredAt;
        return new ReadEvent(e, null, null, time);
    }

    /// <summary>The load run a message belongs to, from its <c>kit-run-id</c> header.</summary>
    public static string? RunIdOf(NatsHeaders? headers) =>
        headers is not null && headers.TryGetValue(MessageHeaders.LoadRunId, out var runId) ? runId.ToString() : null;
}
