using Observability.Orders.Domain;

namespace Observability.Producer.Orders;

/// <summary>
/// One command of a scripted lifecycle, <see cref="Delay"/> after the previous step. <see cref="EventId"/> is
/// deterministic (<c>&lt;orderId&gt;-&lt;index&gt;-&lt;kind&gt;</c>), so a re-issued step inside the broker's dedup window is
/// stored once. (The handler names a placement's event <c>&lt;orderId&gt;-placed</c> itself.)
/// </summary>
internal sealed record OrderStep(OrderStepKind Kind, TimeSpan Delay, string EventId, IOrderCommand Command)
{
    public string OrderId => Command.OrderId;
}
