namespace Observability.LoadSimulator.Scenarios;

/// <summary>Everything one iteration may need. A new context is made for every iteration.</summary>
public sealed class ScenarioContext
{
    private readonly int _randomSeed;
    private Random? _random;
    private Dictionary<string, object>? _data;

    internal ScenarioContext(
        string scenarioName,
        string runId,
        long invocationNumber,
        int copyNumber,
        int randomSeed,
        bool isWarmUp,
        TimeSpan startDelay,
        TimeProvider time,
        ILogger logger,
        IReadOnlyDictionary<string, string> settings,
        IStepRecorder steps,
        CancellationToken cancellationToken)
    {
        ScenarioName = scenarioName;
        RunId = runId;
        InvocationNumber = invocationNumber;
        CopyNumber = copyNumber;
        _randomSeed = randomSeed;
        IsWarmUp = isWarmUp;
        StartDelay = startDelay;
        Time = time;
        Logger = logger;
        Settings = settings;
        Steps = steps;
        CancellationToken = cancellationToken;
    }

    /// <summary>The scenario this iteration belongs to.</summary>
    public string ScenarioName { get; }

    /// <summary>The run id (also a label on every metric and the report folder name).</summary>
    public string RunId { get; }

    /// <summary>1-based count of iterations of this scenario, warm-up included.</summary>
    public long InvocationNumber { get; }

    /// <summary>Closed model: the copy (virtual user) running this iteration, from 0. Open model: -1.</summary>
    public int CopyNumber { get; }

    /// <summary>True while the scenario warms up; such iterations are not in the statistics.</summary>
    public bool IsWarmUp { get; }

    /// <summary>How late the iteration started compared with its intended start.</summary>
    public TimeSpan StartDelay { get; }

    /// <summary>The clock of the run; use it for delays so tests can drive scenarios with a fake clock.</summary>
    public TimeProvider Time { get; }

    /// <summary>Logger for the scenario.</summary>
    public ILogger Logger { get; }

    /// <summary>Custom settings from the JSON config (e.g. a target URL).</summary>
    public IReadOnlyDictionary<string, string> Settings { get; }

    /// <summary>Cancelled when the run aborts or the grace period after the end runs out.</summary>
    public CancellationToken CancellationToken { get; }

    /// <summary>
    /// Seeded from the run seed, the scenario and the invocation number, so a given iteration draws the
    /// same numbers in every run with the same seed, whatever the thread interleaving.
    /// </summary>
    public Random Random => _random ??= new Random(_randomSeed);

    /// <summary>Data shared between the steps of this iteration.</summary>
    public Dictionary<string, object> Data => _data ??= [];

    internal IStepRecorder Steps { get; }

    internal bool AnyStepFailed { get; set; }
}
