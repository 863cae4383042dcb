using Observability.Contracts.Orders;
using Observability.Orders.Domain;

namespace Observability.Orders.Tests.Domain;

/// <summary>
/// Given/When/Then over the pure decider, without a broker: given the order's past events, when a command is decided
/// at <see cref="Now"/>, then exactly these events, or a rejection of this kind.
/// </summary>
internal sealed class OrderSpecification
{
    public static readonly DateTimeOffset Now = new(2026, 11, 27, 10, 0, 0, TimeSpan.Zero);

    private OrderState _state = OrderState.Initial;
    private Decision? _decision;

    public static OrderSpecification Given(params IOrderEvent[] events) =>
        new() { _state = OrderState.Fold(events.Select((e, i) => (e, (ulong)(i + 10)))) };

    public OrderSpecification When(IOrderCommand command)
    {
        _decision = OrderDecider.Decide(_state, command, Now);
        return this;
    }

    public void Then(params IOrderEvent[] expected)
    {
        Assert.Equal(DecisionKind.Append, Decided.Kind);
        Assert.Equal(expected, Decided.Events);
    }

    public void ThenRejected(DecisionKind kind, string reasonContains)
    {
        Assert.Equal(kind, Decided.Kind);
        Assert.Empty(Decided.Events);
        Assert.Contains(reasonContains, Decided.Reason, StringComparison.OrdinalIgnoreCase);
    }

    public void ThenAlreadyDone()
    {
        Assert.Equal(DecisionKind.AlreadyDone, Decided.Kind);
        Assert.Empty(Decided.Events);
    }

    private Decision Decided => _decision ?? throw new InvalidOperationException("When(...) was not called");
}
