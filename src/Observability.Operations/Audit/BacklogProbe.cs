using NATS.Client.JetStream;
using Observability.Messaging.Consuming;

namespace Observability.Operations.Audit;

/// <summary>Reads the consumers' backlogs, and waits (bounded) for them to drain.</summary>
internal static class BacklogProbe
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(250);

    public static async Task<ConsumerBacklog> ReadAsync(INatsJSContext js, DurableName durable, CancellationToken cancellationToken)
    {
        try
        {
            var info = (await js.GetConsumerAsync(durable.Stream, durable.Consumer, cancellationToken)).Info;
            return new ConsumerBacklog(durable.Stream, durable.Consumer, true, info.NumPending, info.NumAckPending, info.AckFloor.StreamSeq);
        }
        catch (NatsJSApiException ex) when (ex.Error.Code == 404)
        {
            return new ConsumerBacklog(durable.Stream, durable.Consumer, false, 0, 0, 0);
        }
    }

    /// <summary>Polls until every consumer has lag 0 or <paramref name="wait"/> passes; returns the last reading.</summary>
    public static async Task<IReadOnlyList<ConsumerBacklog>> WaitAsync(
        INatsJSContext js, IReadOnlyList<DurableName> durables, TimeSpan? wait, TimeProvider time, CancellationToken cancellationToken)
    {
        var deadline = time.GetUtcNow() + (wait ?? TimeSpan.Zero);
        while (true)
        {
            var backlogs = new List<ConsumerBacklog>(durables.Count);
            foreach (var durable in durables)
            {
                backlogs.Add(await ReadAsync(js, durable, cancellationToken));
            }

            if (backlogs.All(b => b.Lag == 0) || time.GetUtcNow() >= deadline)
            {
                return backlogs;
            }

            await Task.Delay(PollInterval, time, cancellationToken);
        }
    }
}
