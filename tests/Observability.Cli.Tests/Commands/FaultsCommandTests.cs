using System.Text.Json;
using NATS.Client.KeyValueStore;
using Observability.Contracts.Events;
using Observability.Contracts.Faults;
using Observability.Contracts.Topology;
using Observability.Testing;

namespace Observability.Cli.Tests.Commands;

[Collection(NatsCollection.Name)]
public sealed class FaultsCommandTests(NatsServerFixture nats) : JetStreamTest(nats)
{
    [Fact]
    public async Task A_switch_set_with_the_cli_is_in_the_bucket_is_listed_with_its_time_left_and_is_gone_after_clear()
    {
        var id = "t-" + Guid.NewGuid().ToString("N")[..8];

        var set = await KitRun.RunAsync(Nats.Url, "faults", "set", FaultKinds.Slow, "--id", id, "--consumer", Consumers.OrderSummary,
            "--event-type", "orders.order-placed.v1", "--probability", "0.5", "--amount", "7", "--delay", "1500ms", "--expires", "10m", "--set-by", "test");

        Assert.True(set.ExitCode == 0, set.ToString());
        var kv = await new NatsKVContext(Js).GetStoreAsync(Buckets.Faults, Token);
        var stored = JsonSerializer.Deserialize((await kv.GetEntryAsync<byte[]>(id, cancellationToken: Token)).Value, KitJson.Default.FaultSwitch)!;
        Assert.Equal(FaultKinds.Slow, stored.Kind);
        Assert.Equal(Consumers.OrderSummary, stored.Consumer);
        Assert.Equal("orders.order-placed.v1", stored.EventType);
        Assert.Equal(0.5, stored.Probability);
        Assert.Equal(7, stored.Amount);
        Assert.Equal(TimeSpan.FromMilliseconds(1500), stored.Delay);
        Assert.Equal(TimeSpan.FromMinutes(10), stored.ExpiresAt - stored.CreatedAt);
        Assert.Equal("test", stored.SetBy);

        var list = await KitRun.RunAsync(Nats.Url, "faults", "list", "--json");
        var listed = list.Json.EnumerateArray().Single(e => e.GetProperty("switch").GetProperty("id").GetString() == id);
        Assert.InRange(listed.GetProperty("secondsLeft").GetDouble(), 500, 600);
        var table = await KitRun.RunAsync(Nats.Url, "faults", "list");
        Assert.Contains(id, table.Out, StringComparison.Ordinal);
        Assert.Contains("9m", table.Out, StringComparison.Ordinal);

        var clear = await KitRun.RunAsync(Nats.Url, "faults", "clear", id);
        Assert.True(clear.ExitCode == 0, clear.ToString());
        var after = await KitRun.RunAsync(Nats.Url, "faults", "list", "--json");
        Assert.DoesNotContain(after.Json.EnumerateArray(), e => e.GetProperty("switch").GetProperty("id").GetString() == id);
        Assert.Equal(1, (await KitRun.RunAsync(Nats.Url, "faults", "clear", id)).ExitCode);
    }

    [Theory]
    [InlineData("probability 1.5 must be above 0 and at most 1", "slow", "--delay", "1s", "--probability", "1.5")]
    [InlineData("kind 'explode' is not one of", "explode")]
    [InlineData("kind slow needs a delay", "slow")]
    [InlineData("--expires 'banana' is not a duration", "exception", "--expires", "banana")]
    [InlineData("crash point applies only to crash", "exception", "--crash-point", "after-write")]
    [InlineData("crash point 'sideways' is not one of", "crash", "--crash-point", "sideways")]
    [InlineData("amount 0 must be at least 1", "exception", "--amount", "0")]
    [InlineData("event type 'orders.nope.v1' is not a known type", "exception", "--event-type", "orders.nope.v1")]
    [InlineData("longer than the 24 h", "exception", "--expires", "2d")]
    public async Task A_bad_switch_is_rejected_with_exit_code_2_and_says_why(string message, params string[] args)
    {
        var run = await KitRun.RunAsync(Nats.Url, ["faults", "set", .. args]);

        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.Contains(message, run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_value_of_the_wrong_type_is_a_usage_error()
    {
        var run = await KitRun.RunAsync(Nats.Url, "faults", "set", "slow", "--probability", "lots");

        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.Contains("lots", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Clear_all_removes_every_switch()
    {
        Assert.Equal(0, (await KitRun.RunAsync(Nats.Url, "faults", "set", "exception", "--id", "t-all-1")).ExitCode);
        Assert.Equal(0, (await KitRun.RunAsync(Nats.Url, "faults", "set", "stall", "--id", "t-all-2", "--delay", "5s")).ExitCode);

        var clear = await KitRun.RunAsync(Nats.Url, "faults", "clear", "--all", "--json");

        Assert.True(clear.Json.GetProperty("cleared").GetInt32() >= 2, clear.ToString());
        Assert.Equal(0, (await KitRun.RunAsync(Nats.Url, "faults", "list", "--json")).Json.GetArrayLength());
    }

    [Fact]
    public async Task An_unreachable_broker_is_exit_code_3()
    {
        using var output = new StringWriter();
        using var error = new StringWriter();

        var exit = await KitCli.RunAsync(["faults", "list", "--nats", "nats://127.0.0.1:1"], new KitConsole(output, error, true), Token);

        Assert.Equal(ExitCodes.BrokerUnreachable, exit);
        Assert.Contains("cannot reach NATS at nats://127.0.0.1:1", error.ToString(), StringComparison.Ordinal);
    }
}
