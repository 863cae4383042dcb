using NATS.Client.JetStream;
using NATS.Client.JetStream.Models;
using Observability.Messaging.Consuming;

namespace Observability.Messaging.Lag;

/// <summary>
/// Reads one <see cref="LagSample"/> of a durable from the broker: consumer and stream info, and the broker timestamp
/// of the oldest message the consumer has not finished. Used by the lag monitor and by <c>kit lag</c>.
/// </summary>
public sealed class ConsumerLagReader(INatsJSContext js, TimeProvider? time = null)
{
    private readonly TimeProvider _time = time ?? TimeProvider.System;

    /// <exception cref="NatsJSApiException">the stream or consumer does not exist.</exception>
    public async Task<LagSample> ReadAsync(DurableName durable, CancellationToken cancellationToken)
    {
        var stream = await js.GetStreamAsync(durable.Stream, cancellationToken: cancellationToken);
        var consumer = await stream.GetConsumerAsync(durable.Consumer, cancellationToken);
        var info = consumer.Info;
        var now = _time.GetUtcNow();
        var sample = new LagSample
        {
            Stream = durable.Stream,
            Consumer = durable.Consumer,
            At = now,
            Pending = info.NumPending,
            AckPending = info.NumAckPending,
            Redelivered = info.NumRedelivered,
            Waiting = info.NumWaiting,
            AckFloor = info.AckFloor.StreamSeq,
            Delivered = info.Delivered.StreamSeq,
            LastActive = Latest(info.Delivered.LastActive, info.AckFloor.LastActive),
            StreamMessages = stream.Info.State.Messages,
            StreamLastSequence = stream.Info.State.LastSeq,
        };
        return sample.Lag == 0 ? sample : sample with { LagSeconds = await OldestUnprocessedAgeAsync(stream, info, now, cancellationToken) };
    }

    private static DateTimeOffset? Latest(DateTimeOffset? a, DateTimeOffset? b) =>
        a is null ? b : b is null ? a : a > b ? a : b;

    /// <summary>
    /// Age of the oldest message the consumer has not finished: the first one after the ack floor, or, when nothing is
    /// awaiting an ack, the first one after the last delivered (a message dropped after max deliveries keeps the ack
    /// floor behind, and would otherwise look ever older).
    /// </summary>
    private static async Task<double> OldestUnprocessedAgeAsync(INatsJSStream stream, ConsumerInfo info, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var from = (info.NumAckPending > 0 ? info.AckFloor.StreamSeq : info.Delivered.StreamSeq) + 1;
        var filter = string.IsNullOrEmpty(info.Config.FilterSubject) ? ">" : info.Config.FilterSubject;
        StreamMsgGetResponse response;
        try
        {
            // The stream API (not direct get): it works on streams without allow_direct, like CLICKSTREAM.
            response = await stream.GetAsync(new StreamMsgGetRequest { Seq = from, NextBySubj = filter }, cancellationToken);
        }
        catch (NatsJSApiException ex) when (ex.Error.Code == 404)
        {
            return 0;
        }

        return Math.Max(0, (now - response.Message.Time).TotalSeconds);
    }
}
