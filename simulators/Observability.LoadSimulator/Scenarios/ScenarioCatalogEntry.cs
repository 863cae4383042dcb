namespace Observability.LoadSimulator.Scenarios;

/// <summary>A named scenario factory in the <see cref="ScenarioCatalog"/>.</summary>
/// <param name="Name">What <c>loadsim run &lt;name&gt;</c> takes.</param>
/// <param name="Description">One line for <c>loadsim list</c>.</param>
/// <param name="Setup">Builds the scenario, and the plugins that measure it, from its custom settings.</param>
public sealed record ScenarioCatalogEntry(string Name, string Description, Func<IReadOnlyDictionary<string, string>, ScenarioSetup> Setup)
{
    /// <summary>Builds the scenario alone.</summary>
    public ScenarioProps Create(IReadOnlyDictionary<string, string> settings) => Setup(settings).Scenario;
}
