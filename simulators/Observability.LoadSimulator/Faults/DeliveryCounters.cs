using NATS.Client.JetStream;
using NATS.Client.JetStream.Models;
using Observability.Contracts.Topology;

namespace Observability.LoadSimulator.Faults;

/// <summary>
/// Cumulative delivery counters of one durable, read from JetStream (not from processor metrics, which reset when a
/// crash fault kills a replica): the difference of two snapshots gives a window's redeliveries and dead letters.
/// </summary>
/// <param name="ConsumerSequence">Deliveries so far, redeliveries included (<c>delivered.consumer_seq</c>).</param>
/// <param name="StreamSequence">Last stream sequence delivered (<c>delivered.stream_seq</c>): each message's first delivery.</param>
/// <param name="DeadLetters">Messages in DEADLETTER under this consumer's subject.</param>
/// <param name="Lag">Pending plus ack pending.</param>
public sealed record DeliveryCounters(ulong ConsumerSequence, ulong StreamSequence, ulong DeadLetters, double Lag)
{
    public static async Task<DeliveryCounters> ReadAsync(INatsJSContext js, string stream, string consumer, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(js);
        var info = (await js.GetConsumerAsync(stream, consumer, cancellationToken)).Info;
        var subject = Subjects.DeadLetter(stream, consumer);
        ulong deadLetters = 0;
        try
        {
            var dead = await js.GetStreamAsync(Streams.DeadLetter, new StreamInfoRequest { SubjectsFilter = subject }, cancellationToken);
            deadLetters = dead.Info.State.Subjects is { } subjects && subjects.TryGetValue(subject, out var count) ? (ulong)count : 0;
        }
        catch (NatsJSApiException)
        {
            // No DEADLETTER stream yet: nothing dead-lettered.
        }

        return new DeliveryCounters(info.Delivered.ConsumerSeq, info.Delivered.StreamSeq, deadLetters, info.NumPending + (double)Math.Max(0, info.NumAckPending));
    }

    /// <summary>Deliveries beyond the first of each message between <paramref name="earlier"/> and this snapshot.</summary>
    public long RedeliveriesSince(DeliveryCounters earlier)
    {
        ArgumentNullException.ThrowIfNull(earlier);
        return Math.Max(0, ((long)ConsumerSequence - (long)earlier.ConsumerSequence) - ((long)StreamSequence - (long)earlier.StreamSequence));
    }

    public long DeadLettersSince(DeliveryCounters earlier)
    {
        ArgumentNullException.ThrowIfNull(earlier);
        return Math.Max(0, (long)DeadLetters - (long)earlier.DeadLetters);
    }
}
