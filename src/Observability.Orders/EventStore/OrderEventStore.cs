using System.Globalization;
using NATS.Client.Core;
using NATS.Client.JetStream;
using NATS.Client.JetStream.Models;
using Observability.Contracts.Orders;
using Observability.Contracts.Topology;
using Observability.Messaging.DeadLetters;
using Observability.Messaging.Envelopes;
using Observability.Orders.Domain;

namespace Observability.Orders.EventStore;

/// <summary>
/// Reads one order's messages from the ORDERS stream (the event store) and folds its events into state. Uses message
/// gets with <c>next_by_subj</c>, which nats-server 2.9 supports, rather than a filtered consumer per query. They are
/// answered by the stream leader: a direct get may be answered by a follower that has not yet stored the last acked
/// append (on an R3 cluster the producer then saw its just-placed orders as missing and dropped their next steps). Messages
/// are judged by <see cref="EnvelopeDecoder"/>, as the consumers judge them, so an unreadable one is reported with
/// the reason it was dead-lettered instead of failing the read.
/// </summary>
public sealed class OrderEventStore(INatsJSContext js, bool validateSchemas = true)
{
    private INatsJSStream? _stream;

    /// <summary>Every readable event of the order, oldest first. Empty when the order does not exist.</summary>
    public async Task<IReadOnlyList<StoredEvent>> ReadAsync(string orderId, CancellationToken cancellationToken = default)
    {
        var messages = await ReadMessagesAsync(orderId, cancellationToken: cancellationToken);
        return [.. messages.Where(m => m.IsReadable).Select(m => m.ToStoredEvent())];
    }

    /// <summary>
    /// Every message on the order's subject from <paramref name="fromSequence"/> up to and including
    /// <paramref name="throughSequence"/> (all when null), readable or not, oldest first.
    /// </summary>
    public async Task<IReadOnlyList<StoredMessage>> ReadMessagesAsync(
        string orderId, ulong fromSequence = 1, ulong? throughSequence = null, CancellationToken cancellationToken = default)
    {
        var stream = _stream ??= await js.GetStreamAsync(Streams.Orders, cancellationToken: cancellationToken);
        var subject = Subjects.Order(orderId);
        var messages = new List<StoredMessage>();
        var next = Math.Max(1, fromSequence);
        while (throughSequence is null || next <= throughSequence)
        {
            StreamMsgGetResponse response;
            try
            {
                response = await stream.GetAsync(new StreamMsgGetRequest { Seq = next, NextBySubj = subject }, cancellationToken);
            }
            catch (NatsJSApiException ex) when (ex.Error.Code == 404)
            {
                break;
            }

            var message = response.Message;
            var headers = ParseHeaders(message.Hdrs);
            headers["Nats-Sequence"] = message.Seq.ToString(CultureInfo.InvariantCulture);
            headers["Nats-Time-Stamp"] = message.Time.ToString("O", CultureInfo.InvariantCulture);
            var stored = ToStoredMessage(orderId, headers, message.Data.Span);
            if (throughSequence is not null && stored.Sequence > throughSequence)
            {
                break;
            }

            messages.Add(stored);
            next = stored.Sequence + 1;
        }

        return messages;
    }

    /// <summary>Headers as a message get returns them: base64 of <c>NATS/1.0</c>, then one <c>Name: value</c> per line.</summary>
    private static NatsHeaders ParseHeaders(string? encoded)
    {
        var headers = new NatsHeaders();
        if (string.IsNullOrEmpty(encoded))
        {
            return headers;
        }

        var lines = System.Text.Encoding.UTF8.GetString(Convert.FromBase64String(encoded)).Split("\r\n");
        foreach (var line in lines.Skip(1))
        {
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon > 0)
            {
                var name = line[..colon];
                var value = line[(colon + 1)..].Trim();
                headers[name] = headers.TryGetValue(name, out var existing) ? Microsoft.Extensions.Primitives.StringValues.Concat(existing, value) : value;
            }
        }

        return headers;
    }

    /// <summary>The order's state now, or as of <paramref name="asOf"/> (events whose event time is at or before it).</summary>
    public async Task<OrderState> LoadAsync(string orderId, DateTimeOffset? asOf = null, CancellationToken cancellationToken = default)
    {
        var messages = await ReadMessagesAsync(orderId, cancellationToken: cancellationToken);
        return Fold(messages, asOf);
    }

    /// <summary>Folds the readable events (at or before <paramref name="asOf"/>, when given); unreadable ones are skipped.</summary>
    public static OrderState Fold(IEnumerable<StoredMessage> messages, DateTimeOffset? asOf = null) =>
        OrderState.Fold(messages
            .Where(m => m.Event is not null && (asOf is null || m.Event.OccurredAt <= asOf))
            .Select(m => (m.Event!, m.Sequence)));

    /// <summary>Reads one stored message of the order: the direct-get headers carry its sequence and broker time.</summary>
    public StoredMessage ToStoredMessage(string orderId, NatsHeaders headers, ReadOnlySpan<byte> data)
    {
        var sequence = ulong.Parse(headers["Nats-Sequence"].ToString(), CultureInfo.InvariantCulture);
        var storedAt = DateTimeOffset.Parse(headers["Nats-Time-Stamp"].ToString(), CultureInfo.InvariantCulture);
        var envelope = EnvelopeDecoder.Decode(headers, data, validateSchemas);
        if (!envelope.IsReadable)
        {
            return new StoredMessage(sequence, storedAt, envelope.EventId, envelope.TypeName, null, envelope.FailureReason, envelope.FailureDetail);
        }

        // An event filed under another order's subject would corrupt that order: the projection rejects it, so do readers.
        if (envelope.Event is not IOrderEvent e || e.OrderId != orderId)
        {
            return new StoredMessage(sequence, storedAt, envelope.EventId, envelope.TypeName, null, DeadLetterReason.Rejected,
                $"order id '{(envelope.Event as IOrderEvent)?.OrderId}' does not match subject {Subjects.Order(orderId)}");
        }

        return new StoredMessage(sequence, storedAt, envelope.EventId, envelope.TypeName, e);
    }
}
