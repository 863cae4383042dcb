namespace Observability.LoadSimulator.Scenarios;

/// <summary>
/// The scenarios the CLI can run, by name. Built-in pipeline scenarios register here next to the demos:
/// <c>catalog.Add("orders-publish", "Publishes orders", settings =&gt; Scenario.Create(...))</c>.
/// </summary>
public sealed class ScenarioCatalog
{
    private readonly SortedDictionary<string, ScenarioCatalogEntry> _entries = new(StringComparer.Ordinal);

    /// <summary>The catalog the CLI uses: the demos plus whatever <see cref="Register"/> added.</summary>
    public static ScenarioCatalog CreateDefault()
    {
        var catalog = new ScenarioCatalog();
        Demo.DemoScenarios.Register(catalog);
        Pipeline.PipelineScenarios.Register(catalog);
        return catalog;
    }

    public IReadOnlyCollection<ScenarioCatalogEntry> Entries => _entries.Values;

    /// <summary>
    /// Adds a scenario factory. The factory gets the merged custom settings (code defaults, then config, then
    /// --set flags) so it can read things like a target URL before the run.
    /// </summary>
    public ScenarioCatalog Register(string name, string description, Func<IReadOnlyDictionary<string, string>, ScenarioProps> create)
    {
        ArgumentNullException.ThrowIfNull(create);
        return RegisterWithPlugins(name, description, settings => new ScenarioSetup(create(settings), []));
    }

    /// <summary>Adds a scenario factory that also returns the plugins measuring the scenario; the CLI adds them to the run.</summary>
    public ScenarioCatalog RegisterWithPlugins(string name, string description, Func<IReadOnlyDictionary<string, string>, ScenarioSetup> setup)
    {
        if (!_entries.TryAdd(name, new ScenarioCatalogEntry(name, description, setup)))
        {
            throw new ArgumentException($"Scenario '{name}' is already in the catalog.", nameof(name));
        }

        return this;
    }

    public bool TryGet(string name, out ScenarioCatalogEntry entry) => _entries.TryGetValue(name, out entry!);
}
