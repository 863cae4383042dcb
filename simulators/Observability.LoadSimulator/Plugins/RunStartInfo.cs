namespace Observability.LoadSimulator.Plugins;

/// <summary>Handed to plugins when a run starts.</summary>
/// <param name="RunId">The run id.</param>
/// <param name="Scenarios">Names of the scenarios in the run.</param>
/// <param name="StartedAt">Wall-clock start.</param>
/// <param name="Time">The run's clock.</param>
public sealed record RunStartInfo(string RunId, IReadOnlyList<string> Scenarios, DateTimeOffset StartedAt, TimeProvider Time);
