using System.Globalization;
using Observability.Contracts.Orders;

namespace Observability.LoadSimulator.Pipeline;

/// <summary>Synthetic orders drawn from the iteration's seeded random, so a seed gives the same orders.</summary>
internal static class OrderFactory
{
    private static readonly string[] Skus = ["BOOK-1", "BOOK-2", "MUG-1", "TEE-M", "TEE-L", "CAP-1", "PEN-3", "BAG-2"];

    public static OrderPlaced Create(string orderId, Random random, DateTimeOffset now)
    {
        var lines = new OrderLine[1 + random.Next(3)];
        for (var i = 0; i < lines.Length; i++)
        {
            lines[i] = new OrderLine(Skus[random.Next(Skus.Length)], 1 + random.Next(4), Math.Round(1 + ((decimal)random.NextDouble() * 99), 2));
        }

        return new OrderPlaced(orderId, Customer(random), lines, lines.Sum(l => l.Quantity * l.UnitPrice), "EUR", now);
    }

    /// <summary>The POST /orders body of docs/api.md for the same order.</summary>
    public static string Body(OrderPlaced order)
    {
        var lines = string.Join(',', order.Lines.Select(l => string.Create(CultureInfo.InvariantCulture, $$"""{"sku":"{{l.Sku}}","quantity":{{l.Quantity}},"unitPrice":{{l.UnitPrice}}}""")));
        return $$"""{"orderId":"{{order.OrderId}}","customerId":"{{order.CustomerId}}","currency":"{{order.Currency}}","lines":[{{lines}}]}""";
    }

    private static string Customer(Random random) => "cust-" + random.Next(10_000).ToString(CultureInfo.InvariantCulture);
}
