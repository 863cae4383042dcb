namespace Observability.LoadSimulator.Scenarios;

/// <summary>Given to WithInit/WithClean hooks.</summary>
/// <param name="ScenarioName">The scenario.</param>
/// <param name="RunId">The run id.</param>
/// <param name="Settings">Custom settings from the JSON config.</param>
/// <param name="Logger">Logger for the scenario.</param>
/// <param name="CancellationToken">Cancelled when the run is interrupted.</param>
public sealed record ScenarioInitContext(
    string ScenarioName,
    string RunId,
    IReadOnlyDictionary<string, string> Settings,
    ILogger Logger,
    CancellationToken CancellationToken);
