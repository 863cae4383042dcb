using System.Globalization;
using NATS.Client.Core;
using NATS.Client.JetStream;
using NATS.Client.JetStream.Models;
using Observability.Contracts.Events;
using Observability.Contracts.Orders;
using Observability.Contracts.Topology;

namespace Observability.Messaging.EventStore;

/// <summary>
/// Reads one order's events from the ORDERS stream (the event store) and folds them into state. Uses direct gets
/// with <c>next_by_subj</c>, which nats-server 2.9 supports, rather than a filtered consumer per query.
/// </summary>
public sealed class OrderEventStore(INatsJSContext js)
{
    private INatsJSStream? _stream;

    /// <summary>Every event of the order, oldest first. Empty when the order does not exist.</summary>
    public async Task<IReadOnlyList<StoredEvent>> ReadAsync(string orderId, CancellationToken cancellationToken = default)
    {
        var stream = _stream ??= await js.GetStreamAsync(Streams.Orders, cancellationToken: cancellationToken);
        var subject = Subjects.Order(orderId);
        var events = new List<StoredEvent>();
        ulong next = 1;
        while (true)
        {
            NatsMsg<byte[]> msg;
            try
            {
                msg = await stream.GetDirectAsync<byte[]>(new StreamMsgGetRequest { Seq = next, NextBySubj = subject }, cancellationToken: cancellationToken);
            }
            catch (NatsJSApiException ex) when (ex.Error.Code == 404)
            {
                break;
            }

            if (msg.Headers is null || msg.Headers.Code == 404 || msg.Data is null)
            {
                break;
            }

            var stored = ToStoredEvent(msg);
            events.Add(stored);
            next = stored.Sequence + 1;
        }

        return events;
    }

    /// <summary>The order's state now, or as of <paramref name="asOf"/> (events whose event time is at or before it).</summary>
    public async Task<OrderState> LoadAsync(string orderId, DateTimeOffset? asOf = null, CancellationToken cancellationToken = default)
    {
        var events = await ReadAsync(orderId, cancellationToken);
        return OrderState.Fold(events
            .Where(e => asOf is null || e.Event.OccurredAt <= asOf)
            .Select(e => (e.Event, e.Sequence)));
    }

    private static StoredEvent ToStoredEvent(NatsMsg<byte[]> msg)
    {
        var headers = msg.Headers!;
        var sequence = ulong.Parse(headers["Nats-Sequence"].ToString(), CultureInfo.InvariantCulture);
        var storedAt = DateTimeOffset.Parse(headers["Nats-Time-Stamp"].ToString(), CultureInfo.InvariantCulture);
        var typeName = headers.TryGetValue(MessageHeaders.Type, out var t) ? t.ToString() : "";
        if (!EventCatalog.TryGet(typeName, out var type))
        {
            throw new InvalidDataException($"Event store holds an event of unknown type '{typeName}' at sequence {sequence}");
        }

        var e = (IOrderEvent)EventCatalog.Deserialize(type, msg.Data);
        var id = headers.TryGetValue(MessageHeaders.Id, out var i) ? i.ToString() : "";
        return new StoredEvent(sequence, storedAt, id, typeName, e);
    }
}
