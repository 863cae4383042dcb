using System.Diagnostics;
using NATS.Client.JetStream;
using NATS.Client.JetStream.Models;

namespace Observability.Benchmarks;

/// <summary>The ceilings: NATS.Net alone, no telemetry, same message size, same in-flight window as the kit.</summary>
internal static class RawNats
{
    public static async Task<double> PublishAsync(INatsJSContext js, string stream, int messages, int size, int window, CancellationToken cancellationToken)
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
            inFlight.Enqueue(js.PublishAsync(subject, payload, cancellationToken: cancellationToken));
#pragma warning restore CA2012
        }

        while (inFlight.Count > 0)
        {
            (await inFlight.Dequeue()).EnsureSuccess();
        }

        return messages / sw.Elapsed.TotalSeconds;
    }

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
