using System.Globalization;
using System.Text.Json;
using NATS.Client.Core;
using Observability.Contracts.Events;
using Observability.Contracts.Topology;
using Observability.Messaging.DeadLetters;

namespace Observability.Messaging.Envelopes;

/// <summary>Reads the CloudEvents headers and payload of a message and says whether it is a readable event, and if not why.</summary>
public static class EnvelopeDecoder
{
    public const string ExpectedLastSubjectSequenceHeader = "Nats-Expected-Last-Subject-Sequence";

    public static DecodedEnvelope Decode(NatsHeaders? headers, ReadOnlySpan<byte> data, bool validateSchema = true, SchemaPrecheck? certainlyValid = null)
    {
        if (headers is null)
        {
            return Failure(DeadLetterReason.Unreadable, "no headers", null, null);
        }

        var typeName = headers.TryGetValue(MessageHeaders.Type, out var t) ? t.ToString() : null;
        var eventId = headers.TryGetValue(MessageHeaders.Id, out var id) ? id.ToString() : null;
        if (typeName is null || eventId is null)
        {
            return Failure(DeadLetterReason.Unreadable, $"missing {(typeName is null ? MessageHeaders.Type : MessageHeaders.Id)} header", typeName, eventId);
        }

        if (!EventCatalog.TryGet(typeName, out var type))
        {
            return Failure(DeadLetterReason.UnknownType, $"unknown event type '{typeName}'", typeName, eventId);
        }

        IEvent e;
        try
        {
            e = EventCatalog.Deserialize(type, data);
        }
        catch (Exception ex) when (ex is JsonException or NotSupportedException or InvalidOperationException or ArgumentException)
        {
            // A schema error explains a deserialization failure better than the serializer does, when there is one.
            var schemaError = validateSchema && data.Length > 0 ? EventCatalog.Validate(type, data) : null;
            return schemaError is not null && !schemaError.StartsWith("not JSON", StringComparison.Ordinal)
                ? Failure(DeadLetterReason.SchemaInvalid, schemaError, typeName, eventId) with { Type = type }
                : Failure(DeadLetterReason.Unreadable, ex.Message, typeName, eventId) with { Type = type };
        }

        if (validateSchema && !(certainlyValid?.Invoke(type, data) ?? false) && SchemaCheck.Validate(type, data) is { } error)
        {
            return Failure(DeadLetterReason.SchemaInvalid, error, typeName, eventId) with { Type = type };
        }

        return new DecodedEnvelope
        {
            EventId = eventId,
            TypeName = typeName,
            Type = type,
            Event = e,
            EventTime = headers.TryGetValue(MessageHeaders.Time, out var time)
                && DateTimeOffset.TryParse(time.ToString(), CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var parsed)
                    ? parsed
                    : e.OccurredAt,
            PreviousSubjectSequence = PreviousSubjectSequence(headers),
        };
    }

    private static ulong? PreviousSubjectSequence(NatsHeaders headers) =>
        headers.TryGetValue(ExpectedLastSubjectSequenceHeader, out var value)
        && ulong.TryParse(value.ToString(), NumberStyles.None, CultureInfo.InvariantCulture, out var sequence)
            ? sequence
            : null;

    private static DecodedEnvelope Failure(string reason, string detail, string? typeName, string? eventId) =>
        new() { FailureReason = reason, FailureDetail = detail, TypeName = typeName, EventId = eventId };
}
