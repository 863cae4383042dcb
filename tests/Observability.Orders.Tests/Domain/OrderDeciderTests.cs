using Observability.Contracts.Orders;
using Observability.Orders.Domain;
using static Observability.Orders.Tests.Domain.OrderSpecification;

namespace Observability.Orders.Tests.Domain;

/// <summary>Every lifecycle rule of the order, as given events, a command, and the events or the rejection that follow.</summary>
public sealed class OrderDeciderTests
{
    private const string Id = "o1";
    private static readonly DateTimeOffset Earlier = Now.AddHours(-1);
    private static readonly OrderLine[] Lines = [new("A", 2, 5m), new("B", 1, 2.5m)];

    private static readonly OrderPlaced Placed = new(Id, "c1", Lines, 12.5m, "EUR", Earlier);
    private static readonly PaymentAuthorized Authorized = new(Id, 12.5m, "EUR", Earlier);
    private static readonly PaymentDeclined Declined = new(Id, "card expired", Earlier);
    private static readonly OrderShipped Shipped = new(Id, "DHL", "T1", Earlier);
    private static readonly OrderCancelled Cancelled = new(Id, "changed mind", Earlier);

    [Fact]
    public void Placing_a_new_order_totals_its_lines() =>
        Given().When(new PlaceOrder(Id, "c1", Lines, "EUR")).Then(new OrderPlaced(Id, "c1", Lines, 12.5m, "EUR", Now));

    [Fact]
    public void Placing_the_same_order_again_is_already_done() =>
        Given(Placed).When(new PlaceOrder(Id, "c1", [new("A", 2, 5m), new("B", 1, 2.5m)], "EUR")).ThenAlreadyDone();

    [Fact]
    public void Placing_a_different_order_under_an_existing_id_is_refused() =>
        Given(Placed).When(new PlaceOrder(Id, "c2", Lines, "EUR")).ThenRejected(DecisionKind.RuleViolation, "already exists");

    [Fact]
    public void Authorizing_takes_the_order_total_and_currency_when_no_amount_is_given() =>
        Given(Placed).When(new AuthorizePayment(Id, null)).Then(new PaymentAuthorized(Id, 12.5m, "EUR", Now));

    [Fact]
    public void Authorizing_a_given_amount_records_that_amount() =>
        Given(Placed).When(new AuthorizePayment(Id, 10m)).Then(new PaymentAuthorized(Id, 10m, "EUR", Now));

    [Fact]
    public void A_declined_payment_can_be_retried() =>
        Given(Placed, Declined).When(new AuthorizePayment(Id, null)).Then(new PaymentAuthorized(Id, 12.5m, "EUR", Now));

    [Fact]
    public void A_payment_cannot_be_authorized_twice() =>
        Given(Placed, Authorized).When(new AuthorizePayment(Id, null)).ThenRejected(DecisionKind.RuleViolation, "already authorized");

    [Fact]
    public void No_payment_on_a_cancelled_order() =>
        Given(Placed, Cancelled).When(new AuthorizePayment(Id, null)).ThenRejected(DecisionKind.RuleViolation, "cancelled");

    [Fact]
    public void No_payment_after_shipment() =>
        Given(Placed, Authorized, Shipped).When(new AuthorizePayment(Id, null)).ThenRejected(DecisionKind.RuleViolation, "shipped");

    [Fact]
    public void Declining_a_placed_order_records_the_reason() =>
        Given(Placed).When(new DeclinePayment(Id, "insufficient funds")).Then(new PaymentDeclined(Id, "insufficient funds", Now));

    [Fact]
    public void An_authorized_payment_cannot_be_declined() =>
        Given(Placed, Authorized).When(new DeclinePayment(Id, "x")).ThenRejected(DecisionKind.RuleViolation, "already authorized");

    [Fact]
    public void A_cancelled_order_cannot_be_declined() =>
        Given(Placed, Cancelled).When(new DeclinePayment(Id, "x")).ThenRejected(DecisionKind.RuleViolation, "cancelled");

    [Fact]
    public void An_authorized_order_ships() =>
        Given(Placed, Authorized).When(new ShipOrder(Id, "UPS", "Z9")).Then(new OrderShipped(Id, "UPS", "Z9", Now));

    [Fact]
    public void No_shipment_before_payment() =>
        Given(Placed).When(new ShipOrder(Id, "UPS", "Z9")).ThenRejected(DecisionKind.RuleViolation, "before payment");

    [Fact]
    public void No_shipment_after_a_declined_payment() =>
        Given(Placed, Declined).When(new ShipOrder(Id, "UPS", "Z9")).ThenRejected(DecisionKind.RuleViolation, "before payment");

    [Fact]
    public void An_order_ships_once() =>
        Given(Placed, Authorized, Shipped).When(new ShipOrder(Id, "UPS", "Z9")).ThenRejected(DecisionKind.RuleViolation, "already shipped");

    [Fact]
    public void A_cancelled_order_does_not_ship() =>
        Given(Placed, Cancelled).When(new ShipOrder(Id, "UPS", "Z9")).ThenRejected(DecisionKind.RuleViolation, "cancelled");

    [Theory]
    [InlineData("placed")]
    [InlineData("authorized")]
    [InlineData("declined")]
    public void An_order_that_has_not_shipped_can_be_cancelled(string stage)
    {
        IOrderEvent[] history = stage switch
        {
            "placed" => [Placed],
            "authorized" => [Placed, Authorized],
            _ => [Placed, Declined],
        };
        Given(history).When(new CancelOrder(Id, "out of stock")).Then(new OrderCancelled(Id, "out of stock", Now));
    }

    [Fact]
    public void No_cancellation_after_shipment() =>
        Given(Placed, Authorized, Shipped).When(new CancelOrder(Id, "x")).ThenRejected(DecisionKind.RuleViolation, "after shipment");

    [Fact]
    public void An_order_is_cancelled_once() =>
        Given(Placed, Cancelled).When(new CancelOrder(Id, "x")).ThenRejected(DecisionKind.RuleViolation, "already cancelled");

    [Theory]
    [MemberData(nameof(CommandsOnAnExistingOrder))]
    public void Nothing_but_placing_is_allowed_on_an_order_that_does_not_exist(IOrderCommand command) =>
        Given().When(command).ThenRejected(DecisionKind.NotFound, "does not exist");

    public static TheoryData<IOrderCommand> CommandsOnAnExistingOrder() =>
    [
        new AuthorizePayment(Id, null),
        new DeclinePayment(Id, "x"),
        new ShipOrder(Id, "DHL", "T"),
        new CancelOrder(Id, "x"),
    ];
}
