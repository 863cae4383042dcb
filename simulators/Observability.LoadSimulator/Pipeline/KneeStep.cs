namespace Observability.LoadSimulator.Pipeline;

/// <summary>What one find-knee step saw.</summary>
/// <param name="Rate">Target rate of the step, per second.</param>
/// <param name="Lag">Consumer lag samples taken during the step, in time order.</param>
/// <param name="LatencyP99Ms">Worst interval p99 of the publishes in the step.</param>
public sealed record KneeStep(double Rate, IReadOnlyList<double> Lag, double LatencyP99Ms);
