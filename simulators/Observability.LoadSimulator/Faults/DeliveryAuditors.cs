namespace Observability.LoadSimulator.Faults;

/// <summary>Picks the delivery auditor for a fault run from its settings.</summary>
public static class DeliveryAuditors
{
    /// <summary>The kit's delivery audit on the scenario's broker (setting <c>nats</c>); <c>--set audit=false</c> turns it off.</summary>
    public static IDeliveryAuditor? For(IReadOnlyDictionary<string, string> settings)
    {
        var faults = FaultSettings.From(settings);
        return faults.Audit ? new OperationsDeliveryAuditor(faults.NatsUrl) : null;
    }
}
