using Observability.LoadSimulator.Simulations;
using Observability.LoadSimulator.Thresholds;

namespace Observability.LoadSimulator.Scenarios;

/// <summary>
/// A scenario and how to load it. Immutable: every With* returns a changed copy, so a catalog can hand out
/// defaults that config and CLI flags then override.
/// </summary>
public sealed record ScenarioProps
{
    /// <summary>Default load when none is given: Inject 10/s for 30 s.</summary>
    public static IReadOnlyList<LoadSimulation> DefaultLoadSimulations { get; } =
        [Simulation.Inject(10, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(30))];

    public required string Name { get; init; }

    public required Func<ScenarioContext, Task<Response>> Run { get; init; }

    public Func<ScenarioInitContext, Task>? Init { get; init; }

    public Func<ScenarioInitContext, Task>? Clean { get; init; }

    /// <summary>Warm-up pass before the measured run; its results are excluded. Default none.</summary>
    public TimeSpan WarmUp { get; init; }

    /// <summary>Share of a combined rate when several scenarios run together. Default 1.</summary>
    public int Weight { get; init; } = 1;

    public IReadOnlyList<LoadSimulation> LoadSimulations { get; init; } = DefaultLoadSimulations;

    public ThresholdOptions Thresholds { get; init; } = ThresholdOptions.None;

    public IReadOnlyList<CustomThreshold> CustomThresholds { get; init; } = [];

    /// <summary>Custom settings (from code, overridden key by key by the JSON config).</summary>
    public IReadOnlyDictionary<string, string> Settings { get; init; } = new Dictionary<string, string>();

    /// <summary>
    /// Ends the load early, gracefully, when cancelled: no new iterations start, in-flight ones finish and are counted,
    /// the run is not aborted. find-knee uses it to stop once the knee is found. Default: never.
    /// </summary>
    public CancellationToken StopWhen { get; init; }

    public ScenarioProps WithStopWhen(CancellationToken stop) => this with { StopWhen = stop };

    public ScenarioProps WithInit(Func<ScenarioInitContext, Task> init) => this with { Init = init };

    public ScenarioProps WithClean(Func<ScenarioInitContext, Task> clean) => this with { Clean = clean };

    public ScenarioProps WithWarmUpDuration(TimeSpan duration) => this with { WarmUp = duration };

    public ScenarioProps WithoutWarmUp() => this with { WarmUp = TimeSpan.Zero };

    public ScenarioProps WithWeight(int weight) =>
        weight > 0 ? this with { Weight = weight } : throw new ArgumentOutOfRangeException(nameof(weight), "Weight must be positive.");

    public ScenarioProps WithLoadSimulations(params LoadSimulation[] simulations) => this with { LoadSimulations = simulations };

    public ScenarioProps WithThresholds(ThresholdOptions thresholds) => this with { Thresholds = thresholds };

    public ScenarioProps WithThreshold(string name, Func<Statistics.ScenarioResult, bool> check) =>
        this with { CustomThresholds = [.. CustomThresholds, new CustomThreshold(name, check)] };

    public ScenarioProps WithSettings(IReadOnlyDictionary<string, string> settings)
    {
        var merged = new Dictionary<string, string>(Settings);
        foreach (var (key, value) in settings)
        {
            merged[key] = value;
        }

        return this with { Settings = merged };
    }
}
