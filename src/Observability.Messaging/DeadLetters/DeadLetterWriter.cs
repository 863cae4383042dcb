using System.Globalization;
using NATS.Client.Core;
using NATS.Client.JetStream;
using Observability.Contracts.Topology;

namespace Observability.Messaging.DeadLetters;

/// <summary>
/// Files a message in the DEADLETTER stream with the original payload and headers plus <c>kit-dl-*</c> headers.
/// The <c>Nats-Msg-Id</c> is <c>dl-{stream}-{sequence}</c>, so the consumer path and the MAX_DELIVERIES advisory
/// path store one dead letter per source message (inside the stream's duplicate window).
/// </summary>
internal sealed class DeadLetterWriter(INatsJSContext js)
{
    /// <summary>Header values are single lines; long details are cut so a dead letter never fails on its own size.</summary>
    private const int MaxDetailLength = 512;

    public static string MessageId(string stream, ulong sequence) => $"dl-{stream}-{sequence.ToString(CultureInfo.InvariantCulture)}";

    /// <summary>Writes the dead letter and waits for the broker's ack. Returns false when it was already filed (a duplicate).</summary>
    /// <exception cref="NatsJSException">the broker refused or did not answer: the caller must not ack the original.</exception>
    public async Task<bool> WriteAsync(
        DeadLetterSource source, ReadOnlyMemory<byte> data, NatsHeaders? original, string reason, string? detail, CancellationToken cancellationToken)
    {
        var headers = new NatsHeaders();
        if (original is not null)
        {
            foreach (var (key, value) in original)
            {
                // Dedup and concurrency headers of the original publish would be re-checked against DEADLETTER: drop them.
                if (!key.StartsWith("Nats-", StringComparison.OrdinalIgnoreCase))
                {
                    headers[key] = value;
                }
            }
        }

        headers[MessageHeaders.DeadLetterReason] = reason;
        if (!string.IsNullOrEmpty(detail))
        {
            headers[MessageHeaders.DeadLetterDetail] = SingleLine(detail);
        }

        headers[MessageHeaders.DeadLetterStream] = source.Stream;
        headers[MessageHeaders.DeadLetterSequence] = source.Sequence.ToString(CultureInfo.InvariantCulture);
        headers[MessageHeaders.DeadLetterConsumer] = source.Consumer;
        headers[MessageHeaders.DeadLetterDeliveries] = source.Deliveries.ToString(CultureInfo.InvariantCulture);
        headers[MessageHeaders.DeadLetterSubject] = source.Subject;

        var ack = await js.PublishAsync(
            Subjects.DeadLetter(source.Stream, source.Consumer),
            data,
            opts: new NatsJSPubOpts { MsgId = MessageId(source.Stream, source.Sequence) },
            headers: headers,
            cancellationToken: cancellationToken);
        // EnsureSuccess counts a duplicate as an error; for a dead letter it means "already filed", which is success.
        if (ack.Duplicate)
        {
            return false;
        }

        ack.EnsureSuccess();

        DeadLetterMetrics.DeadLetters.WithLabels(source.Stream, source.Consumer, reason).Inc();
        return true;
    }

    private static string SingleLine(string text)
    {
        var line = text.ReplaceLineEndings(" ");
        return line.Length <= MaxDetailLength ? line : line[..MaxDetailLength];
    }
}
