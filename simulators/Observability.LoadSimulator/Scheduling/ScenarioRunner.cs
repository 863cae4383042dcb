using Observability.LoadSimulator.Metrics;
using Observability.LoadSimulator.Scenarios;
using Observability.LoadSimulator.Simulations;
using Observability.LoadSimulator.Statistics;

namespace Observability.LoadSimulator.Scheduling;

/// <summary>
/// Drives one scenario: its load driver (the open injector or the closed copy controller) starts iterations
/// through one iteration tracker until the load ends, is stopped or aborted; then the drain accounts for every
/// iteration still in flight.
/// </summary>
internal sealed class ScenarioRunner
{
    private readonly RunContext _run;
    private readonly ILogger _logger;
    private readonly ScenarioMetrics? _metrics;
    private readonly IterationTracker _tracker;
    private readonly PhaseTimeline _timeline;
    private readonly OpenSchedule? _schedule;
    private readonly ILoadDriver _driver;
    private TimeSpan? _end;

    public ScenarioRunner(ScenarioProps props, LoadPlan plan, RunContext run)
    {
        Props = props;
        Plan = plan;
        _run = run;
        _logger = run.LoggerFactory.CreateLogger("loadsim." + props.Name);
        _metrics = run.Metrics?.ForScenario(run.RunId, props.Name);
        _tracker = new IterationTracker(props, run, _logger, _metrics);
        _timeline = new PhaseTimeline(props.Name, run, _logger, _metrics);
        if (plan.Model == LoadModel.Open)
        {
            _schedule = plan.BuildOpenSchedule(SeedMixer.Mix(run.Options.Seed, props.Name, -1));
            _timeline.MarkMeasuredStart(plan.Phases.Where(p => p.IsWarmUp).Aggregate(TimeSpan.Zero, (sum, p) => sum + p.Duration));
            _driver = new OpenInjector(plan, _schedule, _tracker, _timeline, run, _metrics);
        }
        else
        {
            _driver = new ClosedCopyController(plan, _tracker, _timeline, run, _metrics);
        }
    }

    public string Name => Props.Name;

    public ScenarioProps Props { get; }

    public LoadPlan Plan { get; }

    public ScenarioStatsCollector Stats => _tracker.Stats;

    public long InFlight => _tracker.InFlight;

    public int Copies => _driver.Copies;

    public bool IsFinished => _end is not null;

    /// <summary>When the measured pass began (null while warming up).</summary>
    public TimeSpan? MeasuredStart => _timeline.MeasuredStart;

    public TimeSpan? End => _end;

    public double TargetRateAt(TimeSpan offset) => _schedule?.RateAt(offset) ?? 0;

    public double TargetBetween(TimeSpan from, TimeSpan to) =>
        _schedule is null || (to - from).TotalSeconds <= 1e-6 ? 0 : _schedule.ExpectedBetween(from, to) / (to - from).TotalSeconds;

    /// <summary>Runs the load to its end (or until <paramref name="abort"/>), then drains.</summary>
    public async Task RunAsync(CancellationToken abort)
    {
        await using var registration = abort.Register(OnAbort);
        await using var stopRegistration = Props.StopWhen.Register(_driver.Stop);
        try
        {
            await _driver.RunAsync(abort).ConfigureAwait(false);
        }
        finally
        {
            // Not the abort token: the drain must run to account for every started iteration.
            _driver.Stop();
            var end = await ScenarioDrain.RunAsync(_tracker, _run, _logger, _metrics).ConfigureAwait(false);
            _timeline.MarkMeasuredStart(end);
            _end = end;
        }
    }

    private void OnAbort()
    {
        _driver.Stop();
        // Aborting means "stop now": ask in-flight iterations to give up, then drain as usual.
        _tracker.CancelIterations();
    }
}
