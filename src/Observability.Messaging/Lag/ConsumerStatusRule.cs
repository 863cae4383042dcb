namespace Observability.Messaging.Lag;

/// <summary>
/// The one rule for a consumer's status, shared by the processors' lag monitor (the <c>kit_consumer_status</c> metric)
/// and <c>kit lag</c>, so the dashboard and the CLI never disagree:
/// <list type="bullet">
/// <item><b>ok</b>: lag (pending + ack pending) is 0.</item>
/// <item><b>stopped</b>: lag above 0, no pull request waiting at the broker, and no delivery or ack for
/// <see cref="StoppedAfter"/> (a replica that is pulling always has a request waiting or was just served).</item>
/// <item><b>stalled</b>: lag above 0, not stopped, and between two samples at least <see cref="MinimumInterval"/>
/// apart the ack floor did not move and the lag did not fall (e.g. a poison message redelivered, a stuck handler).</item>
/// <item><b>behind</b>: otherwise (lag above 0 and moving), also when there is no earlier sample to compare with.</item>
/// </list>
/// </summary>
public static class ConsumerStatusRule
{
    /// <summary>No delivery or ack for this long, with no pull request waiting, means no one is consuming.</summary>
    public static readonly TimeSpan StoppedAfter = TimeSpan.FromSeconds(10);

    /// <summary>Samples closer than this are too close to call a consumer stalled.</summary>
    public static readonly TimeSpan MinimumInterval = TimeSpan.FromSeconds(1);

    public static ConsumerStatus Classify(LagSample? previous, LagSample current)
    {
        if (current.Lag == 0)
        {
            return ConsumerStatus.Ok;
        }

        var idleFor = current.LastActive is { } active ? current.At - active : TimeSpan.MaxValue;
        if (current.Waiting == 0 && idleFor >= StoppedAfter)
        {
            return ConsumerStatus.Stopped;
        }

        if (previous is not null
            && current.At - previous.At >= MinimumInterval
            && current.AckFloor == previous.AckFloor
            && current.Lag >= previous.Lag)
        {
            return ConsumerStatus.Stalled;
        }

        return ConsumerStatus.Behind;
    }

    /// <summary>Lag drained per second between two samples (negative when it grows); null without an earlier sample.</summary>
    public static double? DrainRate(LagSample? previous, LagSample current)
    {
        if (previous is null || current.At <= previous.At)
        {
            return null;
        }

        return ((double)previous.Lag - current.Lag) / (current.At - previous.At).TotalSeconds;
    }

    /// <summary>Time to drain the lag at the current drain rate; zero when caught up, null when it is not draining.</summary>
    public static TimeSpan? TimeToDrain(LagSample? previous, LagSample current)
    {
        if (current.Lag == 0)
        {
            return TimeSpan.Zero;
        }

        return DrainRate(previous, current) is { } rate && rate > 0 ? TimeSpan.FromSeconds(current.Lag / rate) : null;
    }

    /// <summary>The status as a label value and in the CLI: <c>ok</c>, <c>behind</c>, <c>stalled</c>, <c>stopped</c>.</summary>
    public static string Label(ConsumerStatus status) => status switch
    {
        ConsumerStatus.Ok => "ok",
        ConsumerStatus.Behind => "behind",
        ConsumerStatus.Stalled => "stalled",
        ConsumerStatus.Stopped => "stopped",
        _ => "unknown",
    };

    public static readonly IReadOnlyList<ConsumerStatus> All = [ConsumerStatus.Ok, ConsumerStatus.Behind, ConsumerStatus.Stalled, ConsumerStatus.Stopped];
}
