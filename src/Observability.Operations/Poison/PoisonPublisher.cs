using System.Globalization;
using System.Text;
using NATS.Client.Core;
using NATS.Client.JetStream;
using Observability.Contracts.Clickstream;
using Observability.Contracts.Events;
using Observability.Contracts.Orders;
using Observability.Contracts.Topology;

namespace Observability.Operations.Poison;

/// <summary>
/// Publishes messages the processors cannot process, to show dead-lettering end to end: each carries the kit's
/// CloudEvents headers (so only the intended flaw makes it unprocessable) and a unique <c>Nats-Msg-Id</c>.
/// </summary>
public sealed class PoisonPublisher(INatsJSContext js, TimeProvider? time = null)
{
    private readonly TimeProvider _time = time ?? TimeProvider.System;

    /// <exception cref="ArgumentException">bad count, stream, kind or order id.</exception>
    public async Task<IReadOnlyList<PoisonMessage>> PublishAsync(PoisonOptions options, CancellationToken cancellationToken)
    {
        Validate(options);
        var isOrders = options.Stream == Streams.Orders;
        var orderId = options.OrderId ?? $"poison-{Guid.NewGuid():N}"[..20];
        var published = new List<PoisonMessage>(options.Count);
        for (var i = 0; i < options.Count; i++)
        {
            var kind = options.Kinds[i % options.Kinds.Count];
            var (typeName, payload) = isOrders ? OrderPayload(kind, orderId) : ClickPayload(kind);
            var subject = isOrders ? Subjects.Order(orderId) : Subjects.Click(ClickKinds.PageViewed);
            var eventId = Guid.CreateVersion7().ToString("N");
            var headers = new NatsHeaders
            {
                [MessageHeaders.SpecVersion] = MessageHeaders.CloudEventsSpecVersion,
                [MessageHeaders.Id] = eventId,
                [MessageHeaders.Type] = typeName,
                [MessageHeaders.Source] = "/kit/cli/poison",
                [MessageHeaders.Time] = _time.GetUtcNow().ToString("O", CultureInfo.InvariantCulture),
                [MessageHeaders.ContentType] = MessageHeaders.JsonContentType,
            };
            if (isOrders)
            {
                headers[MessageHeaders.Subject] = orderId;
            }

            if (options.RunId is not null)
            {
                headers[MessageHeaders.LoadRunId] = options.RunId;
            }

            var ack = await js.PublishAsync(subject, payload, opts: new NatsJSPubOpts { MsgId = eventId }, headers: headers, cancellationToken: cancellationToken);
            ack.EnsureSuccess();
            published.Add(new PoisonMessage(kind, options.Stream, subject, ack.Seq));
        }

        return published;
    }

    private static void Validate(PoisonOptions options)
    {
        if (options.Count is < 1 or > 10_000)
        {
            throw new ArgumentException($"count {options.Count} must be between 1 and 10000", nameof(options));
        }

        if (options.Stream is not (Streams.Orders or Streams.Clickstream))
        {
            throw new ArgumentException($"stream '{options.Stream}' must be {Streams.Orders} or {Streams.Clickstream}", nameof(options));
        }

        if (options.OrderId is not null && options.Stream != Streams.Orders)
        {
            throw new ArgumentException($"an order id applies only to {Streams.Orders}", nameof(options));
        }

        if (options.OrderId is not null && !Subjects.IsValidOrderId(options.OrderId))
        {
            throw new ArgumentException($"order id '{options.OrderId}' must be 1 to 64 letters, digits, '-' or '_'", nameof(options));
        }

        if (options.Kinds.Count == 0 || options.Kinds.FirstOrDefault(k => !PoisonKinds.All.Contains(k, StringComparer.Ordinal)) is { } unknown && unknown is not null)
        {
            throw new ArgumentException($"kinds must be some of {string.Join(", ", PoisonKinds.All)}", nameof(options));
        }
    }

    private (string Type, byte[] Payload) OrderPayload(string kind, string orderId)
    {
        var placed = EventCatalog.Of<OrderPlaced>().Name;
        return kind switch
        {
            PoisonKinds.Garbage => (placed, Encoding.UTF8.GetBytes("\u0001not json {{{")),
            PoisonKinds.UnknownType => ("orders.order-teleported.v1", Encoding.UTF8.GetBytes($$"""{"orderId":"{{orderId}}"}""")),
            // Deserializes (every field present and typed), but quantity 0 breaks the schema's minimum of 1.
            _ => (placed, EventCatalog.Serialize(new OrderPlaced(orderId, "c-poison", [new OrderLine("SKU-POISON", 0, 1m)], 0m, "EUR", _time.GetUtcNow()))),
        };
    }

    private (string Type, byte[] Payload) ClickPayload(string kind)
    {
        var viewed = EventCatalog.Of<PageViewed>().Name;
        return kind switch
        {
            PoisonKinds.Garbage => (viewed, Encoding.UTF8.GetBytes("\u0001not json {{{")),
            PoisonKinds.UnknownType => ("clickstream.page-teleported.v1", Encoding.UTF8.GetBytes("""{"sessionId":"s-poison"}""")),
            // Deserializes, but an empty session id breaks the schema's minLength of 1.
            _ => (viewed, EventCatalog.Serialize(new PageViewed("", null, "/poison", _time.GetUtcNow()))),
        };
    }
}
