using System.Globalization;
using NATS.Client.Core;
using NATS.Client.JetStream;
using Observability.Contracts.Topology;

namespace Observability.Messaging.DeadLetters;

/// <summary>Lists the dead letters of the DEADLETTER stream, oldest first, optionally for one source stream and consumer.</summary>
public sealed class DeadLetterReader(INatsJSContext js)
{
    /// <summary>Every dead letter now in the stream (for <paramref name="stream"/>/<paramref name="consumer"/> when given).</summary>
    public async Task<IReadOnlyList<DeadLetter>> ListAsync(string? stream = null, string? consumer = null, CancellationToken cancellationToken = default)
    {
        var deadLetters = await js.GetStreamAsync(Streams.DeadLetter, cancellationToken: cancellationToken);
        var result = new List<DeadLetter>();
        if (deadLetters.Info.State.Messages == 0)
        {
            return result;
        }

        // No filter on the ordered consumer: nats-server 2.9 ignores filter_subjects and would send everything anyway.
        // The subject is matched here instead.
        var prefix = stream is null ? Subjects.DeadLetterPrefix
            : consumer is null ? $"{Subjects.DeadLetterPrefix}{stream}."
            : Subjects.DeadLetter(stream, consumer);
        var exact = stream is not null && consumer is not null;
        var ordered = await js.CreateOrderedConsumerAsync(Streams.DeadLetter, cancellationToken: cancellationToken);
        await foreach (var msg in ordered.ConsumeAsync<byte[]>(cancellationToken: cancellationToken))
        {
            var metadata = msg.Metadata;
            if (exact ? msg.Subject == prefix : msg.Subject.StartsWith(prefix, StringComparison.Ordinal))
            {
                result.Add(ToDeadLetter(msg.Headers ?? new NatsHeaders(), msg.Data ?? [], metadata?.Sequence.Stream ?? 0, metadata?.Timestamp ?? default));
            }

            if (metadata is null || metadata.Value.NumPending == 0)
            {
                break;
            }
        }

        return result;
    }

    internal static DeadLetter ToDeadLetter(NatsHeaders headers, ReadOnlyMemory<byte> data, ulong sequence, DateTimeOffset storedAt)
    {
        string? Get(string name) => headers.TryGetValue(name, out var v) ? v.ToString() : null;
        ulong Number(string name) => ulong.TryParse(Get(name), NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : 0;

        var source = new DeadLetterSource(
            Get(MessageHeaders.DeadLetterStream) ?? "",
            Get(MessageHeaders.DeadLetterConsumer) ?? "",
            Number(MessageHeaders.DeadLetterSequence),
            Number(MessageHeaders.DeadLetterDeliveries),
            Get(MessageHeaders.DeadLetterSubject) ?? "");
        return new DeadLetter(
            sequence,
            storedAt,
            Get(MessageHeaders.DeadLetterReason) ?? "",
            Get(MessageHeaders.DeadLetterDetail),
            source,
            Get(MessageHeaders.Id),
            Get(MessageHeaders.Type),
            headers,
            data);
    }
}
