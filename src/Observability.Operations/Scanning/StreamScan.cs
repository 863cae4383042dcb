using System.Threading.Channels;
using NATS.Client.JetStream;
using NATS.Client.JetStream.Models;

namespace Observability.Operations.Scanning;

/// <summary>
/// Reads a whole stream once with an ordered consumer (the broker streams it; no per-key or per-subject requests) and
/// fans the messages out to partition workers, so decoding and checking use every core while one task reads. A
/// partition sees its messages in stream order, which is what a per-order fold needs.
/// </summary>
internal static class StreamScan
{
    /// <summary>Messages per pull: large, because the scan is a bulk read and round trips are the cost.</summary>
    private const int BatchSize = 10_000;

    /// <summary>
    /// Scans the messages stored now (later appends are not waited for); returns how many were read. One filter subject
    /// only: nats-server 2.9 knows no other (and last-per-subject delivery needs one).
    /// </summary>
    public static async Task<long> RunAsync(
        INatsJSContext js,
        string stream,
        ConsumerConfigDeliverPolicy deliverPolicy,
        string filterSubject,
        IReadOnlyList<Action<ScannedMessage>> partitions,
        Func<ScannedMessage, int> route,
        CancellationToken cancellationToken)
    {
        var info = (await js.GetStreamAsync(stream, cancellationToken: cancellationToken)).Info.State;
        if (info.Messages == 0)
        {
            return 0;
        }

        using var failed = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var channels = partitions.Select(_ => Channel.CreateBounded<ScannedMessage>(
            new BoundedChannelOptions(BatchSize) { SingleReader = true, SingleWriter = true })).ToArray();
        var workers = partitions.Select((handle, i) => Task.Run(async () =>
        {
            try
            {
                await foreach (var message in channels[i].Reader.ReadAllAsync(failed.Token))
                {
                    handle(message);
                }
            }
            catch
            {
                // Stop the reader too: it would otherwise wait forever on this partition's full channel.
                await failed.CancelAsync();
                throw;
            }
        }, failed.Token)).ToArray();

        long count = 0;
        string? scanConsumer = null;
        try
        {
            var consumer = await CreateAsync(js, stream, ScanConsumer(filterSubject, deliverPolicy), failed.Token);
            scanConsumer = consumer.Info.Name;
            await foreach (var msg in consumer.ConsumeAsync<byte[]>(opts: new NatsJSConsumeOpts { MaxMsgs = BatchSize }, cancellationToken: failed.Token))
            {
                var metadata = msg.Metadata;
                var sequence = metadata?.Sequence.Stream ?? 0;
                var message = new ScannedMessage(sequence, msg.Subject, msg.Headers, msg.Data ?? [], metadata?.Timestamp ?? default);
                var channel = channels[route(message)].Writer;
                if (!channel.TryWrite(message))
                {
                    await channel.WriteAsync(message, failed.Token);
                }

                count++;
                if (metadata is null || metadata.Value.NumPending == 0 || sequence >= info.LastSeq)
                {
                    break;
                }
            }
        }
        catch (OperationCanceledException) when (failed.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            // A worker failed and stopped the read: its exception, awaited below, is the one to report.
        }
        finally
        {
            foreach (var channel in channels)
            {
                channel.Writer.TryComplete();
            }

            if (scanConsumer is not null)
            {
                await DeleteQuietlyAsync(js, stream, scanConsumer);
            }
        }

        await Task.WhenAll(workers);
        return count;
    }

    /// <summary>
    /// An ephemeral, unacknowledged, in-memory consumer that reads the stream once. Not the client's ordered consumer:
    /// that one sends <c>filter_subjects</c>, which nats-server 2.9 ignores, and last-per-subject delivery then fails
    /// for want of a filter. A lost message fails the scan (a gap shows as a sequence jump) rather than being hidden.
    /// </summary>
    private static ConsumerConfig ScanConsumer(string filterSubject, ConsumerConfigDeliverPolicy deliverPolicy) => new($"kit-scan-{Guid.NewGuid():N}")
    {
        FilterSubject = filterSubject,
        DeliverPolicy = deliverPolicy,
        AckPolicy = ConsumerConfigAckPolicy.None,
        ReplayPolicy = ConsumerConfigReplayPolicy.Instant,
        MemStorage = true,
        NumReplicas = 1,
        InactiveThreshold = TimeSpan.FromMinutes(1),
    };

    /// <summary>
    /// Creates the scan consumer, asking again when the API does not answer in time: on a million subjects the server
    /// takes a while to find the last message of each. The name is the scan's own, so asking again is idempotent.
    /// </summary>
    private static async Task<INatsJSConsumer> CreateAsync(INatsJSContext js, string stream, ConsumerConfig config, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await js.CreateOrUpdateConsumerAsync(stream, config, cancellationToken);
            }
            catch (NatsJSApiNoResponseException) when (attempt < 12)
            {
            }
        }
    }

    private static async Task DeleteQuietlyAsync(INatsJSContext js, string stream, string consumer)
    {
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            await js.DeleteConsumerAsync(stream, consumer, timeout.Token);
        }
        catch (Exception ex) when (ex is NatsJSException or OperationCanceledException or NATS.Client.Core.NatsException)
        {
            // The inactivity threshold removes it anyway.
        }
    }

    /// <summary>A partition index for a key, stable within the process (the hash needs no allocation).</summary>
    public static int PartitionOf(ReadOnlySpan<char> key, int partitions) => (int)((uint)string.GetHashCode(key, StringComparison.Ordinal) % (uint)partitions);
}
