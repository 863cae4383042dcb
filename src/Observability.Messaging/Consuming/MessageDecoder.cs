using System.Diagnostics;
using NATS.Client.JetStream;
using Observability.Messaging.Envelopes;
using Observability.Messaging.Telemetry;

namespace Observability.Messaging.Consuming;

/// <summary>
/// Turns a received JetStream message into a <see cref="ConsumedEvent"/>: reads its position, starts its span, and
/// decodes the CloudEvents envelope (type, payload, schema). What can never be processed is dead-lettered (and acked)
/// by the settlement and yields null.
/// </summary>
internal sealed class MessageDecoder(ConsumerHostOptions options, ConsumerTelemetry telemetry, Settlement settlement)
{
    public async ValueTask<ConsumedEvent?> DecodeAsync(INatsJSMsg<byte[]> msg, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        var metadata = msg.Metadata ?? throw new InvalidOperationException("JetStream message without metadata");
        var consumed = new ConsumedEvent(msg, metadata, started) { Template = options.DestinationTemplate(msg.Subject) };
        consumed.Activity = telemetry.StartProcessSpan(consumed, msg.Headers);
        if (metadata.NumDelivered > 1)
        {
            telemetry.Redeliveries.Inc();
        }

        var envelope = EnvelopeDecoder.Decode(msg.Headers, msg.Data ?? [], options.ValidateSchemas);
        if (envelope.EventId is not null)
        {
            consumed.EventId = envelope.EventId;
        }

        if (consumed.Activity is { IsAllDataRequested: true } activity && envelope.EventId is not null)
        {
            MessagingSpans.TagEvent(activity, envelope.EventId, envelope.TypeName, envelope.Event);
        }

        if (!envelope.IsReadable)
        {
            await settlement.DeadLetterAsync(consumed, envelope.FailureReason!, envelope.FailureDetail, envelope.Type?.Name, cancellationToken);
            return null;
        }

        consumed.Type = envelope.Type!;
        consumed.Event = envelope.Event!;
        consumed.EventTime = envelope.EventTime;
        consumed.PreviousSubjectSequence = envelope.PreviousSubjectSequence;
        return consumed;
    }
}
