using System.Text.Json;
using Observability.Contracts.Clickstream;
using Observability.Contracts.Events;
using Observability.Contracts.Orders;
using Observability.Testing;

namespace Observability.Contracts.Tests;

public sealed class SchemaTests
{
    private static readonly DateTimeOffset At = new(2026, 11, 27, 10, 0, 0, TimeSpan.Zero);

    /// <summary>One sample of every event type the kit produces.</summary>
    public static TheoryData<IEvent> Samples() =>
    [
        new OrderPlaced("ord-1", "cust-1", [new OrderLine("SKU-1", 2, 9.99m), new OrderLine("SKU-2", 1, 0m)], 19.98m, "EUR", At),
        new PaymentAuthorized("ord-1", 19.98m, "EUR", At),
        new PaymentDeclined("ord-1", "insufficient funds", At),
        new OrderShipped("ord-1", "DHL", "TRK-1", At),
        new OrderCancelled("ord-1", "customer request", At),
        new PageViewed("s-1", null, "/", At),
        new PageViewed("s-1", "cust-1", "/basket", At),
        new ProductViewed("s-1", "cust-1", "SKU-1", At),
        new AddedToCart("s-1", null, "SKU-1", 3, At),
        new Searched("s-1", null, "red shoes", 12, At),
    ];

    [Theory]
    [MemberData(nameof(Samples))]
    public void Every_event_the_code_produces_validates_against_its_schema(IEvent e)
    {
        var type = EventCatalog.Of(e);
        var data = EventCatalog.Serialize(e);

        Assert.Null(EventCatalog.Validate(type, data));
        Assert.Equal(e, EventCatalog.Deserialize(type, data), new JsonEquivalence());
    }

    [Fact]
    public void Every_registered_type_has_a_schema_file_named_by_its_wire_name_and_versioned()
    {
        var files = Directory.GetFiles(RepositoryRoot.Combine("src", "Observability.Contracts", "Schemas"), "*.json", SearchOption.AllDirectories)
            .Select(Path.GetFileNameWithoutExtension)
            .ToHashSet();

        foreach (var type in EventCatalog.All)
        {
            Assert.Matches(@"^[a-z]+\.[a-z-]+\.v\d+$", type.Name);
            Assert.Contains(type.Name, files);
            using var doc = JsonDocument.Parse(EventCatalog.SchemaText(type.Name));
            Assert.Equal(type.DataSchema, doc.RootElement.GetProperty("$id").GetString());
        }

        Assert.Equal(EventCatalog.All.Count, files.Count);
    }

    [Fact]
    public void Wire_names_are_not_clr_type_names()
    {
        Assert.All(EventCatalog.All, t =>
        {
            Assert.NotEqual(t.ClrType.Name, t.Name);
            Assert.DoesNotContain(t.ClrType.Namespace!, t.Name, StringComparison.Ordinal);
        });
    }

    [Theory]
    [InlineData("""{"orderId":"o 1","customerId":"c","lines":[{"sku":"a","quantity":1,"unitPrice":1}],"total":1,"currency":"EUR","occurredAt":"2026-11-27T10:00:00Z"}""", "/orderId")]
    [InlineData("""{"orderId":"o1","customerId":"c","lines":[],"total":1,"currency":"EUR","occurredAt":"2026-11-27T10:00:00Z"}""", "/lines")]
    [InlineData("""{"orderId":"o1","customerId":"c","lines":[{"sku":"a","quantity":0,"unitPrice":1}],"total":1,"currency":"EUR","occurredAt":"2026-11-27T10:00:00Z"}""", "/lines/0/quantity")]
    [InlineData("""{"orderId":"o1","customerId":"c","lines":[{"sku":"a","quantity":1,"unitPrice":1}],"total":1,"currency":"euro","occurredAt":"2026-11-27T10:00:00Z"}""", "/currency")]
    [InlineData("""{"orderId":"o1","lines":[{"sku":"a","quantity":1,"unitPrice":1}],"total":1,"currency":"EUR","occurredAt":"2026-11-27T10:00:00Z"}""", "")]
    public void A_payload_that_breaks_its_schema_is_reported_with_where(string json, string location)
    {
        EventCatalog.TryGet("orders.order-placed.v1", out var type);

        var error = EventCatalog.Validate(type, System.Text.Encoding.UTF8.GetBytes(json));

        Assert.NotNull(error);
        Assert.StartsWith(location, error);
    }

    [Fact]
    public void A_payload_that_is_not_json_is_reported()
    {
        EventCatalog.TryGet("orders.order-placed.v1", out var type);

        Assert.StartsWith("not JSON", EventCatalog.Validate(type, "{oops"u8));
    }

    /// <summary>Records with list members compare by reference; compare their JSON instead.</summary>
    private sealed class JsonEquivalence : IEqualityComparer<IEvent>
    {
        public bool Equals(IEvent? x, IEvent? y) =>
            x is not null && y is not null && EventCatalog.Serialize(x).AsSpan().SequenceEqual(EventCatalog.Serialize(y));

        public int GetHashCode(IEvent obj) => 0;
    }
}
