namespace Observability.LoadSimulator.Pipeline;

/// <summary>How the wait for lag 0 after the load went.</summary>
/// <param name="Seconds">Seconds until lag was 0; null when it was not within the wait.</param>
/// <param name="Waited">Seconds waited in all.</param>
internal sealed record DrainOutcome(double? Seconds, double Waited);
