using System.Diagnostics;
using NATS.Client.JetStream;
using Observability.Contracts.Events;
using Observability.Contracts.Orders;
using Observability.Contracts.Topology;
using Observability.Messaging.Publishing;
using Observability.Messaging.Topology;

namespace Observability.Benchmarks;

/// <summary>The kit's own paths, with its full telemetry on (spans created, batched and exported; metrics recorded).</summary>
internal static class KitPipeline
{
    /// <summary>OrderPlaced events padded so their JSON payload is about <paramref name="size"/> bytes, like the raw runs.</summary>
    public static IEnumerable<IEvent> Orders(int count, int size, string prefix)
    {
        var at = DateTimeOffset.UtcNow;
        var probe = new OrderPlaced($"{prefix}-0000000", "", [new OrderLine("SKU-00001", 2, 9.99m)], 19.98m, "EUR", at);
        var padding = Math.Max(1, size - EventCatalog.Serialize(probe).Length);
        var customer = new string('c', padding);
        for (var i = 0; i < count; i++)
        {
            yield return new OrderPlaced($"{prefix}-{i:D7}", customer, [new OrderLine("SKU-00001", 2, 9.99m)], 19.98m, "EUR", at);
        }
    }

    /// <summary>Recreates the kit's streams so every repetition starts from empty.</summary>
    public static async Task ResetAsync(INatsJSContext js, CancellationToken cancellationToken)
    {
        foreach (var stream in new[] { Streams.Orders, Streams.Clickstream, Streams.DeadLetter })
        {
            try
            {
                await js.DeleteStreamAsync(stream, cancellationToken);
            }
            catch (NatsJSApiException)
            {
            }
        }

        await JetStreamTopology.EnsureAsync(js, TopologyOptions.Default, cancellationToken);
    }

    public static async Task<double> PublishAsync(EventPublisher publisher, int messages, int size, string prefix, CancellationToken cancellationToken)
    {
        // As the command handler appends a new order: expected last subject sequence 0, which the projection reads back.
        var placeNew = new PublishOptions { ExpectedLastSubjectSequence = 0 };
        var events = Orders(messages, size, prefix).Select(e => (e, (PublishOptions?)placeNew)).ToList();
        var sw = Stopwatch.StartNew();
        var results = await publisher.PublishManyAsync(events, cancellationToken);
        var rate = messages / sw.Elapsed.TotalSeconds;
        if (results.Count != messages || results.Any(r => r.Duplicate))
        {
            throw new InvalidOperationException($"kit publish stored {results.Count(r => !r.Duplicate)} of {messages}");
        }

        return rate;
    }
}
