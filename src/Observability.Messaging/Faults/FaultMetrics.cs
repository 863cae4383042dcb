using Prometheus;

namespace Observability.Messaging.Faults;

/// <summary>The fault switchboard, in every process that obeys it.</summary>
public static class FaultMetrics
{
    public static readonly Gauge FaultActive = Metrics.CreateGauge(
        "kit_fault_active", "1 while an active fault switch of this kind targets this consumer in this process.", "kind", "consumer");

    public static readonly Counter FaultsInjected = Metrics.CreateCounter(
        "kit_faults_injected_total", "Faults injected by the fault switchboard (exceptions thrown, delays, stalls, crashes).", "kind", "consumer");
}
