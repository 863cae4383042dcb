using NATS.Client.Core;
using Observability.Contracts.Orders;
using Observability.Contracts.Topology;
using Observability.Messaging.DeadLetters;
using Observability.Messaging.Envelopes;

namespace Observability.Operations.Scanning;

/// <summary>
/// Decides, as the consumer host does, whether a stored message is a readable event: CloudEvents headers present,
/// a known type, a payload that deserializes and passes its schema, and for orders the subject's order id. A message
/// that fails is one the processors skip (dead-letter) by design, so the audit expects it not to be applied.
/// </summary>
internal static class EventReading
{
    /// <summary>The bulk audit reads millions of events: a quick pre-check skips the general schema evaluator when it can.</summary>
    private static readonly SchemaPrecheck QuickCheck = (type, data) => QuickSchema.For(type.Name)?.Check(data) == QuickSchema.Verdict.Valid;

    public static ReadEvent Read(NatsHeaders? headers, byte[] data, string? expectedOrderId = null)
    {
        // The same decoder as the consumer host's and the event store's, so "unreadable" means the same everywhere.
        var envelope = EnvelopeDecoder.Decode(headers, data, certainlyValid: QuickCheck);
        if (!envelope.IsReadable)
        {
            return ReadEvent.Unreadable(envelope.FailureReason!, envelope.FailureDetail ?? "");
        }

        if (expectedOrderId is not null && (envelope.Event as IOrderEvent)?.OrderId != expectedOrderId)
        {
            return ReadEvent.Unreadable(DeadLetterReason.Rejected, $"order id does not match subject order {expectedOrderId}");
        }

        return new ReadEvent(envelope.Event, null, null, envelope.EventTime);
    }

    /// <summary>The load run a message belongs to, from its <c>kit-run-id</c> header.</summary>
    public static string? RunIdOf(NatsHeaders? headers) =>
        headers is not null && headers.TryGetValue(MessageHeaders.LoadRunId, out var runId) ? runId.ToString() : null;
}
