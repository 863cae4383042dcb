using NATS.Net;
using Observability.Contracts.Topology;

namespace Observability.Cluster.Tests;

/// <summary>Reads back what a run stored: every event id per stream, duplicates included, and its distinct orders.</summary>
internal static class StoredEvents
{
    public static async Task<IReadOnlyDictionary<string, IReadOnlyList<string>>> IdsAsync(NatsClient client, string runId, CancellationToken cancellationToken)
    {
        var ids = new Dictionary<string, IReadOnlyList<string>>();
        foreach (var stream in new[] { Streams.Orders, Streams.Clickstream })
        {
            ids[stream] = (await ReadAsync(client, stream, runId, cancellationToken)).Select(e => e.Id).ToList();
        }

        return ids;
    }

    public static async Task<int> OrderCountAsync(NatsClient client, string runId, CancellationToken cancellationToken) =>
        (await ReadAsync(client, Streams.Orders, runId, cancellationToken)).Select(e => e.Subject).Distinct(StringComparer.Ordinal).Count();

    private static async Task<List<(string Id, string Subject)>> ReadAsync(NatsClient client, string stream, string runId, CancellationToken cancellationToken)
    {
        var js = client.CreateJetStreamContext();
        var last = (await js.GetStreamAsync(stream, cancellationToken: cancellationToken)).Info.State.LastSeq;
        var events = new List<(string, string)>();
        if (last == 0)
        {
            return events;
        }

        var consumer = await js.CreateOrderedConsumerAsync(stream, cancellationToken: cancellationToken);
        await foreach (var msg in consumer.ConsumeAsync<byte[]>(cancellationToken: cancellationToken))
        {
            if (msg.Headers is { } headers && headers.TryGetValue(MessageHeaders.LoadRunId, out var run) && run.ToString() == runId)
            {
                events.Add((headers[MessageHeaders.Id].ToString(), msg.Subject));
            }

            if (msg.Metadata!.Value.Sequence.Stream >= last)
            {
                break;
            }
        }

        return events;
    }
}
