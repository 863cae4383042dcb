namespace Observability.LoadSimulator.Faults;

/// <summary>Audits the run's orders once the pipeline has drained (lost, doubled, wrong).</summary>
public interface IDeliveryAuditor
{
    Task<DeliveryAuditOutcome> AuditAsync(string runId, CancellationToken cancellationToken);
}
