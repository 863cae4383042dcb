using Microsoft.Extensions.Logging.Abstractions;
using Observability.LoadSimulator.Scenarios;
using Observability.LoadSimulator.Scheduling;

namespace Observability.LoadSimulator.Tests;

/// <summary>Builds a context outside a run, for unit tests of feeds and steps.</summary>
internal static class ScenarioContexts
{
    public static ScenarioContext Create(long invocation) => new(
        "s",
        "run",
        invocation,
        -1,
        SeedMixer.Mix(42, "s", invocation),
        false,
        TimeSpan.Zero,
        TimeProvider.System,
        NullLogger.Instance,
        new Dictionary<string, string>(),
        new Statistics.ScenarioStatsCollector(),
        CancellationToken.None);
}
