using Observability.Contracts.Orders;
using Observability.Orders.Domain;

namespace Observability.Orders.Tests.Domain;

public sealed class OrderStateTests
{
    private static readonly DateTimeOffset At = new(2026, 11, 27, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public void State_is_the_fold_of_the_events_and_its_version_is_the_last_sequence()
    {
        IOrderEvent[] events =
        [
            new OrderPlaced("o1", "c1", [new OrderLine("A", 2, 5m)], 10m, "EUR", At),
            new PaymentAuthorized("o1", 10m, "EUR", At.AddMinutes(1)),
            new OrderShipped("o1", "DHL", "T1", At.AddMinutes(2)),
        ];

        var s = OrderState.Fold(events.Select((e, i) => (e, (ulong)(i + 10))));

        Assert.Equal(OrderStatus.Shipped, s.Status);
        Assert.Equal(12UL, s.Version);
        Assert.Equal(3, s.EventCount);
        Assert.Equal("T1", s.TrackingNumber);
        Assert.Equal(10m, s.Total);
        Assert.Equal(At.AddMinutes(2), s.UpdatedAt);
        Assert.False(OrderState.Initial.Exists);
    }
}
