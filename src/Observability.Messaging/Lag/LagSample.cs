namespace Observability.Messaging.Lag;

/// <summary>One reading of a durable consumer's state from the broker (consumer info plus the oldest unprocessed message's age).</summary>
public sealed record LagSample
{
    public required string Stream { get; init; }
    public required string Consumer { get; init; }
    public required DateTimeOffset At { get; init; }

    /// <summary>Not yet delivered (<c>num_pending</c>).</summary>
    public ulong Pending { get; init; }

    /// <summary>Delivered, not yet acknowledged (<c>num_ack_pending</c>).</summary>
    public long AckPending { get; init; }

    /// <summary>Delivered more than once and not yet acknowledged (<c>num_redelivered</c>).</summary>
    public long Redelivered { get; init; }

    /// <summary>Pull requests waiting at the broker (<c>num_waiting</c>): above 0 means some replica is pulling.</summary>
    public long Waiting { get; init; }

    public ulong AckFloor { get; init; }

    public ulong Delivered { get; init; }

    /// <summary>When the broker last delivered to or got an ack from the consumer, if it says.</summary>
    public DateTimeOffset? LastActive { get; init; }

    /// <summary>Age of the oldest unprocessed message; 0 when caught up.</summary>
    public double LagSeconds { get; init; }

    public long StreamMessages { get; init; }

    public ulong StreamLastSequence { get; init; }

    /// <summary>Pending plus ack pending: everything not yet processed.</summary>
    public ulong Lag => Pending + (ulong)Math.Max(0, AckPending);
}
