using Observability.Contracts.Orders;

namespace Observability.Orders.Domain;

public enum DecisionKind
{
    /// <summary>Append <see cref="Decision.Events"/>.</summary>
    Append,

    /// <summary>The command was already carried out (a retry of the same placement): nothing to append.</summary>
    AlreadyDone,

    /// <summary>The order does not exist.</summary>
    NotFound,

    /// <summary>A lifecycle rule forbids the command in the order's current state.</summary>
    RuleViolation,
}

/// <summary>What the decider made of a command: the events to append, or why there are none.</summary>
public sealed record Decision(DecisionKind Kind, IReadOnlyList<IOrderEvent> Events, string? Reason = null)
{
    public static Decision Append(IOrderEvent e) => new(DecisionKind.Append, [e]);

    public static Decision AlreadyDone() => new(DecisionKind.AlreadyDone, []);

    public static Decision NotFound(string orderId) => new(DecisionKind.NotFound, [], $"Order {orderId} does not exist.");

    public static Decision Violation(string reason) => new(DecisionKind.RuleViolation, [], reason);
}
