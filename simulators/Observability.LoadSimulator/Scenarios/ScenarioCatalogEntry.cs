namespace Observability.LoadSimulator.Scenarios;

/// <summary>A named scenario factory in the <see cref="ScenarioCatalog"/>.</summary>
/// <param name="Name">What <c>loadsim run &lt;name&gt;</c> takes.</param>
/// <param name="Description">One line for <c>loadsim list</c>.</param>
/// <param name="Create">Builds the scenario from its custom settings.</param>
public sealed record ScenarioCatalogEntry(string Name, string Description, Func<IReadOnlyDictionary<string, string>, ScenarioProps> Create);
