using NATS.Client.JetStream;
using Observability.Operations.Audit;

namespace Observability.Processors.Tests;

/// <summary>The delivery audit over the whole event store, as <c>kit audit</c> runs it: nothing lost, doubled, out of order or wrong.</summary>
internal static class AuditAssert
{
    public static async Task PassesAsync(INatsJSContext js, int orders, CancellationToken cancellationToken)
    {
        var report = await new DeliveryAudit(js).RunAsync(new AuditOptions { Engagement = false, Wait = TimeSpan.FromSeconds(10) }, cancellationToken);
        Assert.Equal(orders, report.Orders.Orders);
        Assert.Equal(orders, report.Orders.Checked);
        foreach (var kind in FindingKinds.Failures)
        {
            Assert.True(report.Orders.Findings[kind] == 0, $"{report.Orders.Findings[kind]} order(s) {kind}: {string.Join("; ", report.Orders.Findings.Examples)}");
        }

        Assert.False(report.HasFailures);
    }
}
