using Microsoft.Extensions.Logging.Abstractions;
using Observability.LoadSimulator.Metrics;
using Observability.LoadSimulator.Plugins;
using Observability.LoadSimulator.Scenarios;
using Observability.LoadSimulator.Simulations;
using Observability.LoadSimulator.Statistics;

namespace Observability.LoadSimulator.Scheduling;

/// <summary>
/// Runs scenarios side by side, like NBomberRunner: <c>LoadRunner.RegisterScenarios(a, b).WithOptions(...).RunAsync(ct)</c>.
/// Reports are written separately (Reports/ReportWriter), so a test can inspect the result first.
/// </summary>
public sealed class LoadRunner
{
    private readonly List<ScenarioProps> _scenarios;
    private readonly PluginSet _plugins = new();
    private RunOptions _options = RunOptions.Default;
    private TimeProvider _time = TimeProvider.System;
    private ILoggerFactory _loggerFactory = NullLoggerFactory.Instance;
    private LoadSimMetrics? _metrics;
    private volatile IReadOnlyList<ScenarioRunner> _runners = [];
    private RunContext? _run;

    private LoadRunner(IEnumerable<ScenarioProps> scenarios) => _scenarios = [.. scenarios];

    /// <summary>The run id once <see cref="RunAsync"/> has started.</summary>
    public string? RunId => _run?.RunId;

    public static LoadRunner RegisterScenarios(params ScenarioProps[] scenarios)
    {
        if (scenarios.Length == 0)
        {
            throw new InvalidLoadSimulationException("Register at least one scenario.");
        }

        var duplicate = scenarios.GroupBy(s => s.Name, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        return duplicate is null
            ? new LoadRunner(scenarios)
            : throw new InvalidLoadSimulationException($"Scenario '{duplicate.Key}' is registered twice.");
    }

    public LoadRunner WithOptions(RunOptions options)
    {
        _options = options;
        return this;
    }

    /// <summary>The clock for scheduling and measuring; tests pass a FakeTimeProvider.</summary>
    public LoadRunner WithTimeProvider(TimeProvider time)
    {
        _time = time;
        return this;
    }

    public LoadRunner WithLoggerFactory(ILoggerFactory loggerFactory)
    {
        _loggerFactory = loggerFactory;
        return this;
    }

    public LoadRunner WithPlugins(params IRunPlugin[] plugins)
    {
        _plugins.AddRange(plugins);
        return this;
    }

    internal LoadRunner WithMetrics(LoadSimMetrics metrics)
    {
        _metrics = metrics;
        return this;
    }

    /// <summary>Live snapshot for the console view; empty before the run starts.</summary>
    public IReadOnlyList<ScenarioProgress> GetProgress()
    {
        var run = _run;
        if (run is null)
        {
            return [];
        }

        var now = run.Elapsed;
        return [.. _runners.Select(r =>
        {
            var last = r.Stats.Intervals() is { Count: > 0 } intervals ? intervals[^1] : null;
            return new ScenarioProgress(
                r.Name,
                IsWarmingUp: r.MeasuredStart is null || now < r.MeasuredStart,
                r.IsFinished,
                r.TargetRateAt(now),
                last?.AchievedRate ?? 0,
                last?.LatencyP50Ms ?? 0,
                last?.LatencyP99Ms ?? 0,
                r.Stats.Measured.Snapshot(),
                r.InFlight,
                r.Copies);
        })];
    }

    /// <summary>Live rows contributed by plugins.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> GetPluginRows() => _plugins.LiveRows();

    /// <summary>Runs every scenario to its end. Throws <see cref="InvalidLoadSimulationException"/> for bad configuration.</summary>
    public async Task<RunResult> RunAsync(CancellationToken cancellationToken)
    {
        var plans = Validate();
        var logger = _loggerFactory.CreateLogger("loadsim");
        var startedAt = _time.GetUtcNow();
        var runId = _options.RunId ?? RunOptions.NewRunId(startedAt);
        var abortReason = await InitScenariosAsync(runId, logger, cancellationToken).ConfigureAwait(false);
        var runStart = new RunStartInfo(runId, [.. _scenarios.Select(s => s.Name)], startedAt, _time);
        await _plugins.ForEachAsync(logger, (p, ct) => p.StartAsync(runStart, ct), cancellationToken).ConfigureAwait(false);

        var run = NewRunContext(runId, startedAt, logger);
        var runners = _scenarios.Select((s, i) => new ScenarioRunner(s, plans[i], run)).ToList();
        _runners = runners;
        if (abortReason is null)
        {
            abortReason = await DriveAsync(run, runners, logger, cancellationToken).ConfigureAwait(false);
        }

        var result = Summarise(run, runners);
        var thresholds = result.Scenarios.SelectMany(s => s.Thresholds).ToList();
        await _plugins.ForEachAsync(logger, (p, ct) => p.StopAsync(result, ct), CancellationToken.None).ConfigureAwait(false);
        result = _plugins.Report(result, thresholds, logger);
        await CleanScenariosAsync(runId, logger).ConfigureAwait(false);
        var outcome = abortReason is not null ? RunOutcome.Aborted
            : thresholds.Exists(t => !t.Passed) ? RunOutcome.ThresholdsFailed
            : RunOutcome.Passed;
        return result with { Outcome = outcome, AbortReason = abortReason, Thresholds = thresholds };
    }

    private List<LoadPlan> Validate()
    {
        var plans = _scenarios.Select(s => LoadPlan.Create(s.Name, s.LoadSimulations, s.WarmUp)).ToList();
        return _options.ReportingInterval <= TimeSpan.Zero || _options.MaxConcurrency <= 0 || _options.GracePeriod < TimeSpan.Zero
            ? throw new InvalidLoadSimulationException("ReportingInterval and MaxConcurrency must be positive and GracePeriod not negative.")
            : plans;
    }

    /// <summary>Runs each scenario's init; returns why the run must abort, or null.</summary>
    private async Task<string?> InitScenariosAsync(string runId, ILogger logger, CancellationToken cancellationToken)
    {
        foreach (var scenario in _scenarios.Where(s => s.Init is not null))
        {
            try
            {
                await scenario.Init!(InitContext(scenario, runId, cancellationToken)).ConfigureAwait(false);
            }
            catch (Exception ex)
            {
                logger.LogError(ex, "Init of scenario {Scenario} failed", scenario.Name);
                return $"init of scenario '{scenario.Name}' failed: {ex.Message}";
            }
        }

        return null;
    }

    private RunContext NewRunContext(string runId, DateTimeOffset startedAt, ILogger logger)
    {
        var run = new RunContext
        {
            RunId = runId,
            Options = _options,
            Time = _time,
            LoggerFactory = _loggerFactory,
            Metrics = _metrics,
            StartTimestamp = _time.GetTimestamp(),
            StartedAt = startedAt,
            OnPhase = (change, ct) => _plugins.ForEachAsync(logger, (p, token) => p.OnPhaseAsync(change, token), ct),
        };
        _run = run;
        return run;
    }

    /// <summary>Runs the scenarios side by side while the ticker closes intervals; returns why the run aborted, or null.</summary>
    private async Task<string?> DriveAsync(RunContext run, List<ScenarioRunner> runners, ILogger logger, CancellationToken cancellationToken)
    {
        string? abortReason = null;
        using var abort = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        using var tickerStop = new CancellationTokenSource();
        var ticker = new IntervalTicker(run, runners, _plugins, _metrics, logger);
        var ticking = ticker.RunAsync(abort, reason => abortReason ??= reason, tickerStop.Token);
        await Task.WhenAll(runners.Select(r => r.RunAsync(abort.Token))).ConfigureAwait(false);
        await tickerStop.CancelAsync().ConfigureAwait(false);
        var lastTick = await ticking.ConfigureAwait(false);
        // Always close a last interval, even of zero length: completions that raced the last tick belong somewhere.
        var end = RunEnd(run, runners);
        await ticker.CloseAsync(lastTick, end > lastTick ? end : lastTick).ConfigureAwait(false);
        return abortReason ?? (cancellationToken.IsCancellationRequested ? "cancelled by the user" : null);
    }

    private RunResult Summarise(RunContext run, List<ScenarioRunner> runners) => new()
    {
        RunId = run.RunId,
        Seed = _options.Seed,
        StartedAt = run.StartedAt,
        DurationSeconds = RunEnd(run, runners).TotalSeconds,
        IntervalSeconds = _options.ReportingInterval.TotalSeconds,
        Scenarios = [.. runners.Select(r => ScenarioSummary.Of(r, run.Elapsed))],
    };

    private async Task CleanScenariosAsync(string runId, ILogger logger)
    {
        foreach (var scenario in _scenarios.Where(s => s.Clean is not null))
        {
            try
            {
                await scenario.Clean!(InitContext(scenario, runId, CancellationToken.None)).ConfigureAwait(false);
            }
            catch (Exception ex)
            {
                // As in NBomber: a failing clean is logged, the results stand.
                logger.LogWarning(ex, "Clean of scenario {Scenario} failed", scenario.Name);
            }
        }
    }

    private ScenarioInitContext InitContext(ScenarioProps scenario, string runId, CancellationToken cancellationToken) =>
        new(scenario.Name, runId, scenario.Settings, _loggerFactory.CreateLogger("loadsim." + scenario.Name), cancellationToken);

    /// <summary>The end of the last drain (exact under a fake clock), not when this code happens to run.</summary>
    private static TimeSpan RunEnd(RunContext run, List<ScenarioRunner> runners) =>
        runners.Count > 0 && runners.TrueForAll(r => r.End is not null) ? runners.Max(r => r.End!.Value) : run.Elapsed;
}
