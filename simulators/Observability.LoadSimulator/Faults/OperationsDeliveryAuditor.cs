using System.Globalization;
using NATS.Net;
using Observability.LoadSimulator.Pipeline;
using Observability.Operations.Audit;

namespace Observability.LoadSimulator.Faults;

/// <summary>
/// The kit's delivery audit (<see cref="DeliveryAudit"/>, src/Observability.Operations) over the run's orders (header
/// <c>kit-run-id</c>): lost, applied twice, out of order and wrong. Out of order counts as wrong here: the read model
/// does not match the stream.
/// </summary>
public sealed class OperationsDeliveryAuditor(string natsUrl, TimeSpan? wait = null) : IDeliveryAuditor
{
    private const int Examples = 3;

    public async Task<DeliveryAuditOutcome> AuditAsync(string runId, CancellationToken cancellationToken)
    {
        await using var nats = new NatsClient(LoadSimNats.Options(natsUrl, "loadsim-audit"));
        await nats.ConnectAsync();
        var report = await new DeliveryAudit(nats.CreateJetStreamContext()).RunAsync(
            new AuditOptions { RunId = runId, Engagement = false, Wait = wait ?? TimeSpan.FromSeconds(30), MaxExamplesPerKind = Examples },
            cancellationToken);
        return ToOutcome(report);
    }

    public static DeliveryAuditOutcome ToOutcome(AuditReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var findings = report.Orders.Findings;
        var details = new List<string>();
        foreach (var kind in new[] { FindingKinds.DeadLettered, FindingKinds.Pending })
        {
            if (findings[kind] > 0)
            {
                details.Add(string.Create(CultureInfo.InvariantCulture, $"{findings[kind]} {kind.Replace('_', ' ')}"));
            }
        }

        details.AddRange(findings.Examples.Where(e => FindingKinds.IsFailure(e.Kind)).Take(Examples).Select(e => $"{e.Kind} {e.Key}: {e.Detail}"));
        details.AddRange(report.InFlight.Select(b => string.Create(CultureInfo.InvariantCulture, $"{b.Consumer} still had lag {b.Lag}")));
        return new DeliveryAuditOutcome(
            report.Orders.Orders,
            findings[FindingKinds.Lost],
            findings[FindingKinds.AppliedTwice],
            findings[FindingKinds.Wrong] + findings[FindingKinds.OutOfOrder],
            string.Join("; ", details));
    }
}
