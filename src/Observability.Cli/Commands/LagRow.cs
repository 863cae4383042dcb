using Observability.Messaging.Consuming;
using Observability.Messaging.Lag;

namespace Observability.Cli.Commands;

/// <summary>One line of <c>kit lag</c>: the latest sample of a durable, its status and drain estimate against the one before.</summary>
public sealed record LagRow(
    string Stream,
    string Consumer,
    string Status,
    double? Pending,
    double? AckPending,
    double? Lag,
    double? LagSeconds,
    double? Redelivered,
    double? Waiting,
    double? DrainPerSecond,
    double? SecondsToDrain,
    string? Error)
{
    public static LagRow Of(DurableName durable, (LagSample? Sample, string? Error) previous, (LagSample? Sample, string? Error) current)
    {
        if (current.Sample is not { } now)
        {
            return new LagRow(durable.Stream, durable.Consumer, "missing", null, null, null, null, null, null, null, null, current.Error);
        }

        var status = ConsumerStatusRule.Classify(previous.Sample, now);
        return new LagRow(
            durable.Stream,
            durable.Consumer,
            ConsumerStatusRule.Label(status),
            now.Pending,
            now.AckPending,
            now.Lag,
            now.LagSeconds,
            now.Redelivered,
            now.Waiting,
            ConsumerStatusRule.DrainRate(previous.Sample, now),
            ConsumerStatusRule.TimeToDrain(previous.Sample, now)?.TotalSeconds,
            null);
    }
}
