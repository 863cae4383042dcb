using Observability.LoadSimulator.Plugins;

namespace Observability.LoadSimulator.Scenarios;

/// <summary>A scenario and the plugins that measure it (e.g. a pipeline scenario's lag and freshness watcher).</summary>
/// <param name="Scenario">The scenario.</param>
/// <param name="Plugins">Plugins the CLI adds to the run when this scenario is in it.</param>
public sealed record ScenarioSetup(ScenarioProps Scenario, IReadOnlyList<IRunPlugin> Plugins);
