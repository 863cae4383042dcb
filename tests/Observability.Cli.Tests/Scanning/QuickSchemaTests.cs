using System.Text;
using System.Text.Json.Nodes;
using Observability.Contracts.Clickstream;
using Observability.Contracts.Events;
using Observability.Contracts.Orders;
using Observability.Contracts.Topology;
using Observability.Messaging.DeadLetters;
using Observability.Operations.Scanning;

namespace Observability.Cli.Tests.Scanning;

public sealed class QuickSchemaTests
{
    private static readonly DateTimeOffset At = DateTimeOffset.Parse("2026-01-01T10:00:00Z", System.Globalization.CultureInfo.InvariantCulture);

    public static TheoryData<string> Samples() =>
    [
        .. new IEvent[]
        {
            new OrderPlaced("o-1", "c-1", [new OrderLine("SKU-1", 2, 9.5m)], 19m, "EUR", At),
            new PaymentAuthorized("o-1", 19m, "EUR", At),
            new PaymentDeclined("o-1", "insufficient funds", At),
            new OrderShipped("o-1", "DHL", "T1", At),
            new OrderCancelled("o-1", "late", At),
            new PageViewed("s-1", null, "/", At),
            new ProductViewed("s-1", "c-1", "SKU-1", At),
            new AddedToCart("s-1", null, "SKU-1", 1, At),
            new Searched("s-1", null, "shoes", 3, At),
        }.Select(e => Encoding.UTF8.GetString(EventCatalog.Serialize(e))),
    ];

    [Fact]
    public void Every_kit_schema_gets_a_quick_check()
    {
        Assert.All(EventCatalog.All, t => Assert.NotNull(QuickSchema.For(t.Name)));
    }

    [Theory]
    [MemberData(nameof(Samples))]
    public void A_valid_event_of_every_type_passes_the_quick_check(string json)
    {
        var type = TypeOf(json);
        Assert.Null(EventCatalog.Validate(type, Encoding.UTF8.GetBytes(json)));
        Assert.Equal(QuickSchema.Verdict.Valid, QuickSchema.For(type.Name)!.Check(Encoding.UTF8.GetBytes(json)));
    }

    [Theory]
    [MemberData(nameof(Samples))]
    public void The_quick_check_never_calls_valid_what_the_schema_evaluator_rejects(string json)
    {
        var type = TypeOf(json);
        foreach (var mutant in Mutants(json))
        {
            var bytes = Encoding.UTF8.GetBytes(mutant);
            if (QuickSchema.For(type.Name)!.Check(bytes) == QuickSchema.Verdict.Valid)
            {
                Assert.True(EventCatalog.Validate(type, bytes) is null, $"quick check passed a payload the evaluator rejects: {mutant}");
            }
        }
    }

    [Theory]
    [InlineData("""{"orderId":"o-1","customerId":"c-1","lines":[{"sku":"SKU-1","quantity":0,"unitPrice":9.5}],"total":19,"currency":"EUR","occurredAt":"2026-01-01T10:00:00+00:00"}""")]
    [InlineData("""{"orderId":"o 1","customerId":"c-1","lines":[{"sku":"SKU-1","quantity":1,"unitPrice":9.5}],"total":19,"currency":"EUR","occurredAt":"2026-01-01T10:00:00+00:00"}""")]
    [InlineData("""{"orderId":"o-1","customerId":"c-1","lines":[],"total":19,"currency":"EUR","occurredAt":"2026-01-01T10:00:00+00:00"}""")]
    [InlineData("""{"orderId":"o-1","customerId":"c-1","lines":[{"sku":"SKU-1","quantity":1,"unitPrice":9.5}],"total":-1,"currency":"eur","occurredAt":"2026-01-01T10:00:00+00:00"}""")]
    [InlineData("""{"orderId":"o-1","customerId":"c-1","lines":[{"sku":"SKU-1","quantity":1,"unitPrice":9.5}],"total":19,"currency":"EUR","occurredAt":"2026-01-01T10:00:00+00:00","extra":1}""")]
    [InlineData("""{"orderId":"o-1","customerId":"c-1","total":19,"currency":"EUR","occurredAt":"2026-01-01T10:00:00+00:00"}""")]
    public void Schema_invalid_order_placed_payloads_are_not_passed(string json)
    {
        var bytes = Encoding.UTF8.GetBytes(json);
        Assert.NotNull(EventCatalog.Validate(EventCatalog.Of<OrderPlaced>(), bytes));
        Assert.Equal(QuickSchema.Verdict.Unsure, QuickSchema.For(EventCatalog.Of<OrderPlaced>().Name)!.Check(bytes));
        // And the audit's own read of the message (the shared decoder with this pre-check) calls it schema-invalid.
        var headers = new NATS.Client.Core.NatsHeaders { [MessageHeaders.Type] = EventCatalog.Of<OrderPlaced>().Name, [MessageHeaders.Id] = "e-1" };
        Assert.Equal(DeadLetterReason.SchemaInvalid, EventReading.Read(headers, bytes).Reason);
    }

    private static EventTypeInfo TypeOf(string json) =>
        EventCatalog.All.First(t => EventCatalog.Validate(t, Encoding.UTF8.GetBytes(json)) is null);

    /// <summary>Each property removed, nulled, emptied, negated, made huge, made fractional, given odd text; plus an extra property.</summary>
    private static IEnumerable<string> Mutants(string json)
    {
        var root = JsonNode.Parse(json)!.AsObject();
        JsonNode?[] replacements = [null, "", "x", " ", "é", "a\n", "2026-13-01T00:00:00Z", "ABC\n", -1, 0, 1.5, 1e30, 100001, true, new JsonArray(), new JsonObject(), new string('x', 201), new string('é', 200)];
        foreach (var name in root.Select(p => p.Key).ToList())
        {
            var removed = JsonNode.Parse(json)!.AsObject();
            removed.Remove(name);
            yield return removed.ToJsonString();
            foreach (var replacement in replacements)
            {
                var changed = JsonNode.Parse(json)!.AsObject();
                changed[name] = replacement?.DeepClone();
                yield return changed.ToJsonString();
            }
        }

        var extra = JsonNode.Parse(json)!.AsObject();
        extra["unexpected"] = 1;
        yield return extra.ToJsonString();
    }
}
