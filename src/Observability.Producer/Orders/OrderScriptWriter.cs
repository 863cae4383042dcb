using Bogus;
using Observability.Contracts.Clickstream;
using Observability.Contracts.Orders;
using Observability.Orders.Domain;
using Observability.Producer.World;

namespace Observability.Producer.Orders;

/// <summary>
/// Writes the lifecycle of order number <c>n</c>: place, then authorize (or decline, and sometimes retry), then ship
/// (or cancel), with delays drawn between <see cref="ProducerOptions.MinStepDelay"/> and
/// <see cref="ProducerOptions.MaxStepDelay"/> times <see cref="ProducerOptions.TimeScale"/>. Each order has its own
/// <see cref="Randomizer"/> seeded from (seed, n): order 1000 is the same whether or not order 999 was generated.
/// </summary>
internal sealed class OrderScriptWriter(SyntheticWorld world, ProducerOptions options)
{
    private static readonly string[] DeclineReasons = ["insufficient_funds", "card_expired", "suspected_fraud", "issuer_unavailable", "3ds_failed"];
    private static readonly string[] CancelAfterAuthorizeReasons = ["customer_request", "out_of_stock", "address_invalid"];
    private static readonly string[] Carriers = ["DHL", "UPS", "PostNL", "DPD", "GLS"];

    public static string OrderId(int seed, long number) => $"ord-{seed}-{number}";

    public OrderScript Write(long number, DateTimeOffset placedAt)
    {
        var random = new Randomizer(SeedMixer.Derive(world.Seed, SeedMixer.Orders, number));
        var orderId = OrderId(world.Seed, number);
        var customer = world.PickCustomer(random);

        // 1 to 4 distinct lines; half of the picks come from the customer's favourite category.
        var lineCount = random.WeightedRandom([1, 2, 3, 4], [0.5f, 0.3f, 0.15f, 0.05f]);
        var products = new List<Product>();
        for (var attempt = 0; products.Count < lineCount && attempt < 20; attempt++)
        {
            var product = random.Bool(0.5f) ? world.PickProduct(random, customer.PreferredCategory) : world.PickProduct(random);
            if (!products.Exists(p => p.Sku == product.Sku))
            {
                products.Add(product);
            }
        }

        var lines = products.Select(p => new OrderLine(p.Sku, random.WeightedRandom([1, 2, 3], [0.7f, 0.2f, 0.1f]), p.Price)).ToArray();

        var steps = new List<OrderStep>();
        void Add(OrderStepKind kind, TimeSpan delay, IOrderCommand command) =>
            steps.Add(new OrderStep(kind, delay, $"{orderId}-{steps.Count}-{Token(kind)}", command));

        Add(OrderStepKind.Place, TimeSpan.Zero, new PlaceOrder(orderId, customer.Id, lines, options.Currency));
        var authorized = random.Bool((float)options.AuthorizeRatio);
        if (!authorized)
        {
            Add(OrderStepKind.DeclinePayment, Delay(random), new DeclinePayment(orderId, random.ArrayElement(DeclineReasons)));
            if (random.Bool((float)options.RetryAfterDeclineRatio))
            {
                Add(OrderStepKind.AuthorizePayment, Delay(random), new AuthorizePayment(orderId, Amount: null));
                authorized = true;
            }
            else if (random.Bool(0.5f))
            {
                // The other half of the declined-and-not-retried orders are simply abandoned in PaymentDeclined.
                Add(OrderStepKind.Cancel, Delay(random), new CancelOrder(orderId, "payment_declined"));
            }
        }
        else
        {
            Add(OrderStepKind.AuthorizePayment, Delay(random), new AuthorizePayment(orderId, Amount: null));
        }

        if (authorized)
        {
            if (random.Bool((float)options.ShipRatio))
            {
                Add(OrderStepKind.Ship, Delay(random), new ShipOrder(orderId, random.ArrayElement(Carriers), random.Replace("TR##########")));
            }
            else
            {
                Add(OrderStepKind.Cancel, Delay(random), new CancelOrder(orderId, random.ArrayElement(CancelAfterAuthorizeReasons)));
            }
        }

        return new OrderScript(orderId, number, steps, ShoppingClicks(orderId, customer, lines, placedAt));
    }

    private TimeSpan Delay(Randomizer random)
    {
        var min = options.MinStepDelay.TotalSeconds;
        var max = options.MaxStepDelay.TotalSeconds;
        return TimeSpan.FromSeconds(random.Double(min, max) * options.TimeScale);
    }

    /// <summary>The session that ends in this order: a product view and an add-to-cart per line, a few seconds apart, before the placement.</summary>
    private static (IClickEvent, string)[] ShoppingClicks(string orderId, Customer customer, OrderLine[] lines, DateTimeOffset placedAt)
    {
        var sessionId = $"ses-{orderId}";
        var clicks = new (IClickEvent, string)[lines.Length * 2];
        for (var i = 0; i < lines.Length; i++)
        {
            var viewedAt = placedAt - TimeSpan.FromSeconds(4 * (lines.Length - i));
            clicks[2 * i] = (new ProductViewed(sessionId, customer.Id, lines[i].Sku, viewedAt), $"{orderId}-click-{2 * i}");
            clicks[(2 * i) + 1] = (new AddedToCart(sessionId, customer.Id, lines[i].Sku, lines[i].Quantity, viewedAt + TimeSpan.FromSeconds(2)), $"{orderId}-click-{(2 * i) + 1}");
        }

        return clicks;
    }

    public static string Token(OrderStepKind kind) => kind switch
    {
        OrderStepKind.Place => "place",
        OrderStepKind.AuthorizePayment => "authorize_payment",
        OrderStepKind.DeclinePayment => "decline_payment",
        OrderStepKind.Ship => "ship",
        OrderStepKind.Cancel => "cancel",
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };
}
