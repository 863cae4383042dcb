using System.Diagnostics;
using NATS.Client.Core;
using NATS.Client.JetStream;
using NATS.Client.JetStream.Models;

namespace Observability.Benchmarks;

/// <summary>The ceilings: NATS.Net alone, no telemetry, same message size, same in-flight window as the kit.</summary>
internal static class RawNats
{
    /// <param name="kitHeaders">Send the headers the kit sends (CloudEvents attributes, a unique Nats-Msg-Id, traceparent):
    /// separates the cost of the wire format, broker-side de-duplication and the expected-sequence check from the kit's own code.</param>
    public static async Task<double> PublishAsync(INatsJSContext js, string stream, int messages, int size, int window, CancellationToken cancellationToken, bool kitHeaders = false)
    {
        await js.CreateStreamAsync(new StreamConfig(stream, [$"{stream}.>"]) { Storage = StreamConfigStorage.File }, cancellationToken);
        var payload = new byte[size];
        Random.Shared.NextBytes(payload);
        var subject = $"{stream}.x";
        var inFlight = new Queue<ValueTask<PubAckResponse>>(window);
        var sw = Stopwatch.StartNew();
        for (var i = 0; i < messages; i++)
        {
            if (inFlight.Count >= window)
            {
                (await inFlight.Dequeue()).EnsureSuccess();
            }

            // Each ValueTask is awaited exactly once, in order: the cheapest sliding window the client allows.
#pragma warning disable CA2012
            // With the kit's headers, one subject per message as the kit has one per order, so "new aggregate" (0) holds.
            inFlight.Enqueue(kitHeaders
                ? js.PublishAsync($"{subject}.{i}", payload, opts: new NatsJSPubOpts { MsgId = Guid.NewGuid().ToString("N"), ExpectedLastSubjectSequence = 0 }, headers: KitLikeHeaders(), cancellationToken: cancellationToken)
                : js.PublishAsync(subject, payload, cancellationToken: cancellationToken));
#pragma warning restore CA2012
        }

        while (inFlight.Count > 0)
        {
            (await inFlight.Dequeue()).EnsureSuccess();
        }

        return messages / sw.Elapsed.TotalSeconds;
    }

    private static NatsHeaders KitLikeHeaders() => new()
    {
        ["ce-specversion"] = "1.0",
        ["ce-id"] = Guid.NewGuid().ToString("N"),
        ["ce-type"] = "orders.order-placed.v1",
        ["ce-source"] = "/kit/bench",
        ["ce-time"] = DateTimeOffset.UtcNow.ToString("O", System.Globalization.CultureInfo.InvariantCulture),
        ["ce-dataschema"] = "/schemas/orders.order-placed.v1.json",
        ["ce-subject"] = "b0-0000001",
        ["content-type"] = "application/json",
        ["traceparent"] = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01",
    };

    /// <summary>Durable pull consumer, one ack per message: the ceiling the projection processor is compared with.</summary>
    public static async Task<double> ConsumeAckAsync(INatsJSContext js, string stream, int messages, CancellationToken cancellationToken)
    {
        var consumer = await js.CreateOrUpdateConsumerAsync(stream, new ConsumerConfig("raw") { DurableName = "raw", AckPolicy = ConsumerConfigAckPolicy.Explicit, MaxAckPending = 10_000 }, cancellationToken);
        var count = 0;
        var sw = Stopwatch.StartNew();
        await foreach (var msg in consumer.ConsumeAsync<byte[]>(opts: new NatsJSConsumeOpts { MaxMsgs = 1000 }, cancellationToken: cancellationToken))
        {
            await msg.AckAsync(cancellationToken: cancellationToken);
            if (++count == messages)
            {
                break;
            }
        }

        return messages / sw.Elapsed.TotalSeconds;
    }
}
