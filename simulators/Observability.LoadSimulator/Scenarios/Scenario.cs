namespace Observability.LoadSimulator.Scenarios;

/// <summary>Entry point for defining scenarios, shaped like NBomber's.</summary>
public static class Scenario
{
    /// <summary>Creates a scenario: <paramref name="run"/> is one iteration and returns <see cref="Response.Ok"/> or <see cref="Response.Fail"/>.</summary>
    public static ScenarioProps Create(string name, Func<ScenarioContext, Task<Response>> run)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(run);
        return new ScenarioProps { Name = name, Run = run };
    }

    /// <summary>A scenario with no work of its own, e.g. to host a plugin or to measure the generator.</summary>
    public static ScenarioProps Empty(string name) => Create(name, static _ => Task.FromResult(Response.Ok()));
}
