using System.Text;
using NATS.Client.Core;
using NATS.Client.JetStream.Models;
using Observability.Contracts.Topology;
using Observability.Operations.Scanning;
using Observability.Testing;

namespace Observability.Cli.Tests.Commands;

[Collection(NatsCollection.Name)]
public sealed class PoisonCommandTests(NatsServerFixture nats) : JetStreamTest(nats)
{
    [Fact]
    public async Task Poison_publishes_a_mix_of_unreadable_unknown_type_and_schema_invalid_messages_on_the_order_subject_and_prints_their_sequences()
    {
        var orderId = "poison-" + Guid.NewGuid().ToString("N")[..8];

        var run = await KitRun.RunAsync(Nats.Url, "faults", "poison", "--count", "3", "--stream", "ORDERS", "--order", orderId, "--json");

        Assert.True(run.ExitCode == 0, run.ToString());
        var published = run.Json.EnumerateArray().ToList();
        Assert.Equal(3, published.Count);
        var reasons = new List<string?>();
        var stream = await Js.GetStreamAsync(Streams.Orders, cancellationToken: Token);
        foreach (var p in published)
        {
            var stored = (await stream.GetAsync(new StreamMsgGetRequest { Seq = p.GetProperty("sequence").GetUInt64() }, Token)).Message;
            Assert.Equal(Subjects.Order(orderId), stored.Subject);
            reasons.Add(EventReading.Read(ParseHeaders(stored.Hdrs), stored.Data.ToArray(), orderId).Reason);
        }

        Assert.Equal(["unreadable", "unknown_type", "schema_invalid"], reasons);
    }

    [Theory]
    [InlineData("garbage", "unreadable")]
    [InlineData("unknown-type", "unknown_type")]
    [InlineData("schema-invalid", "schema_invalid")]
    public async Task Each_kind_can_be_chosen_alone_on_the_clickstream(string kind, string reason)
    {
        var run = await KitRun.RunAsync(Nats.Url, "faults", "poison", "--count", "2", "--stream", "CLICKSTREAM", "--kind", kind, "--json");

        Assert.True(run.ExitCode == 0, run.ToString());
        var stream = await Js.GetStreamAsync(Streams.Clickstream, cancellationToken: Token);
        foreach (var p in run.Json.EnumerateArray())
        {
            Assert.Equal(kind, p.GetProperty("kind").GetString());
            var stored = (await stream.GetAsync(new StreamMsgGetRequest { Seq = p.GetProperty("sequence").GetUInt64() }, Token)).Message;
            Assert.Equal(reason, EventReading.Read(ParseHeaders(stored.Hdrs), stored.Data.ToArray()).Reason);
        }
    }

    [Fact]
    public async Task Poison_rejects_an_order_id_on_the_clickstream_and_a_bad_kind()
    {
        Assert.Equal(ExitCodes.Usage, (await KitRun.RunAsync(Nats.Url, "faults", "poison", "--stream", "CLICKSTREAM", "--order", "o-1")).ExitCode);
        var bad = await KitRun.RunAsync(Nats.Url, "faults", "poison", "--kind", "radioactive");
        Assert.Equal(ExitCodes.Usage, bad.ExitCode);
        Assert.Contains("kinds must be some of garbage, unknown-type, schema-invalid", bad.Error, StringComparison.Ordinal);
    }

    /// <summary>The stream API returns the header block base64-encoded: <c>NATS/1.0</c>, then <c>Name: value</c> lines.</summary>
    private static NatsHeaders ParseHeaders(string? hdrs)
    {
        var headers = new NatsHeaders();
        foreach (var line in Encoding.UTF8.GetString(Convert.FromBase64String(hdrs ?? "")).Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Skip(1))
        {
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            headers[line[..colon].Trim()] = line[(colon + 1)..].Trim();
        }

        return headers;
    }
}
