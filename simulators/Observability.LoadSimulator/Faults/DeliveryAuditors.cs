namespace Observability.LoadSimulator.Faults;

/// <summary>Picks the delivery auditor for a fault run from its settings.</summary>
public static class DeliveryAuditors
{
    /// <summary>
    /// Null while this build has no delivery audit (src/Observability.Operations): the recovery checks then judge
    /// lag only.
    /// </summary>
    public static IDeliveryAuditor? For(IReadOnlyDictionary<string, string> settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return null;
    }
}
