using Observability.LoadSimulator.Faults;
using Observability.LoadSimulator.Plugins;

namespace Observability.LoadSimulator.Scenarios;

/// <summary>A scenario and the plugins that measure it (e.g. a pipeline scenario's lag and freshness watcher).</summary>
/// <param name="Scenario">The scenario.</param>
/// <param name="Plugins">Plugins the CLI adds to the run when this scenario is in it.</param>
public sealed record ScenarioSetup(ScenarioProps Scenario, IReadOnlyList<IRunPlugin> Plugins)
{
    /// <summary>The scenario's own fault timeline (e.g. redelivery-chaos); the config's <c>faults</c> or <c>--fault</c> replace it.</summary>
    public IReadOnlyList<FaultStep> Faults { get; init; } = [];
}
