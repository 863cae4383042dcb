using Observability.Cli.Tests.Audit;
using Observability.Contracts.Topology;
using Observability.Testing;

namespace Observability.Cli.Tests.Commands;

[Collection(NatsCollection.Name)]
public sealed class AuditCommandTests(NatsServerFixture nats) : JetStreamTest(nats)
{
    [Fact]
    public async Task Audit_exits_0_on_a_correct_run_and_1_with_the_lost_order_listed_once_a_summary_is_deleted()
    {
        var world = new OrderWorld(Js);
        await world.PlaceAsync(4, Token);
        await world.WriteCorrectSummariesAsync(Token);
        await OrderWorld.CatchUpAsync(Js, Streams.Orders, Consumers.OrderSummary, Token);

        var ok = await KitRun.RunAsync(Nats.Url, "audit", "--run-id", world.RunId, "--no-engagement");
        Assert.True(ok.ExitCode == 0, ok.ToString());
        Assert.Contains("Orders: 4 audited, 4 checked OK", ok.Out, StringComparison.Ordinal);
        Assert.Contains("RESULT: OK", ok.Out, StringComparison.Ordinal);

        var victim = world.Orders.Keys.Last();
        await world.DeleteSummaryAsync(victim, Token);
        var failed = await KitRun.RunAsync(Nats.Url, "audit", "--run-id", world.RunId, "--no-engagement", "--wait", "1s");
        Assert.Equal(ExitCodes.Failed, failed.ExitCode);
        Assert.Contains(victim, failed.Out, StringComparison.Ordinal);
        Assert.Contains("RESULT: FAILED", failed.Out, StringComparison.Ordinal);

        var json = await KitRun.RunAsync(Nats.Url, "audit", "--run-id", world.RunId, "--no-engagement", "--json");
        Assert.Equal(1, json.Json.GetProperty("orders").GetProperty("findings").GetProperty("counts").GetProperty("lost").GetInt32());
    }
}
