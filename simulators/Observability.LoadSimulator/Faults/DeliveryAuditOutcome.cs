namespace Observability.LoadSimulator.Faults;

/// <summary>What the delivery audit found for the run's orders: every order applied exactly once and right.</summary>
/// <param name="Checked">Orders the run sent that the audit looked at.</param>
/// <param name="Lost">Accepted orders missing from the read model.</param>
/// <param name="Doubled">Orders applied more than once.</param>
/// <param name="Wrong">Orders whose read model differs from the event store.</param>
/// <param name="Detail">A line for the report, e.g. the first few ids of each kind.</param>
public sealed record DeliveryAuditOutcome(long Checked, long Lost, long Doubled, long Wrong, string Detail)
{
    public bool Clean => Lost == 0 && Doubled == 0 && Wrong == 0;
}
