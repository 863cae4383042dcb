using Observability.LoadSimulator.Simulations;

namespace Observability.LoadSimulator.Plugins;

/// <summary>A scenario entered a load-simulation phase.</summary>
/// <param name="RunId">The run id.</param>
/// <param name="Scenario">The scenario.</param>
/// <param name="Index">0-based index of the phase in the scenario's simulations.</param>
/// <param name="Simulation">The phase.</param>
/// <param name="IsWarmUp">True during the warm-up pass.</param>
/// <param name="ElapsedSeconds">Seconds from the run start.</param>
/// <param name="At">Wall-clock time.</param>
public sealed record PhaseChange(string RunId, string Scenario, int Index, LoadSimulation Simulation, bool IsWarmUp, double ElapsedSeconds, DateTimeOffset At);
