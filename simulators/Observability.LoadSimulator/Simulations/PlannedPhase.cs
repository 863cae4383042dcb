namespace Observability.LoadSimulator.Simulations;

/// <summary>A load-simulation phase placed on the run timeline (start is known up front except after IterationsForConstant).</summary>
/// <param name="Index">Position in the scenario's list of simulations.</param>
/// <param name="Simulation">The phase.</param>
/// <param name="IsWarmUp">True while the phase belongs to the warm-up pass.</param>
/// <param name="Duration">Phase length; for the warm-up pass it is cut to the warm-up duration.</param>
internal sealed record PlannedPhase(int Index, LoadSimulation Simulation, bool IsWarmUp, TimeSpan Duration);
