using Observability.Testing;

namespace Observability.Cli.Tests.Commands;

/// <summary>Commands against a server of their own that no other test has used: empty buckets, empty streams.</summary>
public sealed class FreshServerTests(NatsServerFixture nats) : JetStreamTest(nats), IClassFixture<NatsServerFixture>
{
    [Fact]
    public async Task On_a_fresh_kit_faults_list_says_there_are_no_switches_and_the_audit_finds_nothing()
    {
        var faults = await KitRun.RunAsync(Nats.Url, "faults", "list");
        var audit = await KitRun.RunAsync(Nats.Url, "audit", "--json");
        var letters = await KitRun.RunAsync(Nats.Url, "deadletters", "list", "--json");

        Assert.True(faults.ExitCode == 0, faults.ToString());
        Assert.Contains("No active fault switches.", faults.Out, StringComparison.Ordinal);
        Assert.True(audit.ExitCode == 0, audit.ToString());
        Assert.Equal(0, audit.Json.GetProperty("orders").GetProperty("orders").GetInt32());
        Assert.Equal(0, letters.Json.GetProperty("total").GetInt32());
    }
}
