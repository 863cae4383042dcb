namespace Observability.Orders.Commands;

public enum CommandStatus
{
    /// <summary>The event was appended (or was already there: an idempotent retry).</summary>
    Accepted,

    /// <summary>The order does not exist.</summary>
    NotFound,

    /// <summary>A lifecycle rule forbids the command in the order's current state.</summary>
    RuleViolation,

    /// <summary>Another writer appended to the order between our read and our append.</summary>
    ConcurrencyConflict,
}

/// <summary>
/// What a command did. On <see cref="CommandStatus.Accepted"/>, <see cref="Sequence"/> is the stream sequence of the
/// appended event: a query that passes it as its minimum sequence reads its own write.
/// </summary>
public sealed record CommandResult(CommandStatus Status, string OrderId, ulong Sequence = 0, string? EventId = null, string? Detail = null, bool Replayed = false)
{
    public bool IsAccepted => Status == CommandStatus.Accepted;
}
