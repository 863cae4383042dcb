using Observability.Contracts.Orders;

namespace Observability.Contracts.Tests;

public sealed class OrderStateTests
{
    private static readonly DateTimeOffset At = new(2026, 11, 27, 10, 0, 0, TimeSpan.Zero);

    private static OrderState Given(params IOrderEvent[] events) =>
        OrderState.Fold(events.Select((e, i) => (e, (ulong)(i + 10))));

    private static OrderPlaced Placed => new("o1", "c1", [new OrderLine("A", 2, 5m)], 10m, "EUR", At);

    [Fact]
    public void State_is_the_fold_of_the_events_and_its_version_is_the_last_sequence()
    {
        var s = Given(Placed, new PaymentAuthorized("o1", 10m, "EUR", At.AddMinutes(1)), new OrderShipped("o1", "DHL", "T1", At.AddMinutes(2)));

        Assert.Equal(OrderStatus.Shipped, s.Status);
        Assert.Equal(12UL, s.Version);
        Assert.Equal(3, s.EventCount);
        Assert.Equal("T1", s.TrackingNumber);
        Assert.Equal(10m, s.Total);
    }

    [Fact]
    public void No_payment_on_a_cancelled_order()
    {
        Assert.NotNull(OrderRules.CanAuthorizePayment(Given(Placed, new OrderCancelled("o1", "x", At))));
    }

    [Fact]
    public void No_shipment_before_payment()
    {
        Assert.NotNull(OrderRules.CanShip(Given(Placed)));
        Assert.NotNull(OrderRules.CanShip(Given(Placed, new PaymentDeclined("o1", "x", At))));
        Assert.Null(OrderRules.CanShip(Given(Placed, new PaymentAuthorized("o1", 10m, "EUR", At))));
    }

    [Fact]
    public void No_cancellation_after_shipment()
    {
        Assert.NotNull(OrderRules.CanCancel(Given(Placed, new PaymentAuthorized("o1", 10m, "EUR", At), new OrderShipped("o1", "D", "T", At))));
        Assert.Null(OrderRules.CanCancel(Given(Placed)));
    }

    [Fact]
    public void Nothing_but_placing_is_allowed_on_an_order_that_does_not_exist()
    {
        var none = OrderState.Initial;

        Assert.Null(OrderRules.CanPlace(none));
        Assert.NotNull(OrderRules.CanAuthorizePayment(none));
        Assert.NotNull(OrderRules.CanDeclinePayment(none));
        Assert.NotNull(OrderRules.CanShip(none));
        Assert.NotNull(OrderRules.CanCancel(none));
        Assert.NotNull(OrderRules.CanPlace(Given(Placed)));
    }

    [Fact]
    public void A_declined_payment_can_be_retried()
    {
        Assert.Null(OrderRules.CanAuthorizePayment(Given(Placed, new PaymentDeclined("o1", "x", At))));
    }
}
