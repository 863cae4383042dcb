using Microsoft.Extensions.Logging.Abstractions;
using Observability.LoadSimulator.Faults;
using Observability.LoadSimulator.Metrics;
using Observability.LoadSimulator.Plugins;
using Observability.LoadSimulator.Scenarios;
using Observability.LoadSimulator.Simulations;
using Observability.LoadSimulator.Statistics;
using Observability.LoadSimulator.Thresholds;

namespace Observability.LoadSimulator.Scheduling;

/// <summary>
/// Runs scenarios side by side, like NBomberRunner: <c>LoadRunner.RegisterScenarios(a, b).WithOptions(...).RunAsync(ct)</c>.
/// Reports are written separately (Reports/ReportWriter), so a test can inspect the result first.
/// </summary>
public sealed class LoadRunner
{
    private readonly List<ScenarioProps> _scenarios;
    private readonly List<IRunPlugin> _plugins = [];
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
            var counts = r.Stats.Measured.Snapshot();
            var last = r.Stats.Intervals() is { Count: > 0 } intervals ? intervals[^1] : null;
            return new ScenarioProgress
            {
                Name = r.Name,
                IsWarmingUp = r.MeasuredStart is null || now < r.MeasuredStart,
                IsFinished = r.IsFinished,
                TargetRate = r.TargetRateAt(now),
                AchievedRate = last?.AchievedRate ?? 0,
                LatencyP50Ms = last?.LatencyP50Ms ?? 0,
                LatencyP99Ms = last?.LatencyP99Ms ?? 0,
                Ok = counts.Ok,
                Fail = counts.Fail,
                Dropped = counts.Dropped,
                TimedOut = counts.TimedOut,
                InFlight = r.InFlight,
                Copies = r.Copies,
            };
        })];
    }

    /// <summary>Live rows contributed by plugins.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> GetPluginRows()
    {
        var rows = new List<KeyValuePair<string, string>>();
        foreach (var plugin in _plugins)
        {
            try
            {
                rows.AddRange(plugin.GetLiveRows());
            }
            catch (Exception)
            {
                // A plugin's live row is cosmetic; never let it break the view.
            }
        }

        return rows;
    }

    /// <summary>Runs every scenario to its end. Throws <see cref="InvalidLoadSimulationException"/> for bad configuration.</summary>
    public async Task<RunResult> RunAsync(CancellationToken cancellationToken)
    {
        var plans = _scenarios.Select(s => LoadPlan.Create(s.Name, s.LoadSimulations, s.WarmUp)).ToList();
        if (_options.ReportingInterval <= TimeSpan.Zero || _options.MaxConcurrency <= 0 || _options.GracePeriod < TimeSpan.Zero)
        {
            throw new InvalidLoadSimulationException("ReportingInterval and MaxConcurrency must be positive and GracePeriod not negative.");
        }

        var logger = _loggerFactory.CreateLogger("loadsim");
        var startedAt = _time.GetUtcNow();
        var runId = _options.RunId ?? RunOptions.NewRunId(startedAt);
        using var abort = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        string? abortReason = null;

        foreach (var scenario in _scenarios.Where(s => s.Init is not null))
        {
            try
            {
                await scenario.Init!(InitContext(scenario, runId, logger, cancellationToken)).ConfigureAwait(false);
            }
            catch (Exception ex)
            {
                logger.LogError(ex, "Init of scenario {Scenario} failed", scenario.Name);
                abortReason = $"init of scenario '{scenario.Name}' failed: {ex.Message}";
                break;
            }
        }

        var runStart = new RunStartInfo(runId, [.. _scenarios.Select(s => s.Name)], startedAt, _time);
        await ForEachPluginAsync(logger, (p, ct) => p.StartAsync(runStart, ct), cancellationToken).ConfigureAwait(false);

        var run = new RunContext
        {
            RunId = runId,
            Options = _options,
            Time = _time,
            LoggerFactory = _loggerFactory,
            Metrics = _metrics,
            StartTimestamp = _time.GetTimestamp(),
            StartedAt = startedAt,
            OnPhase = (change, ct) => ForEachPluginAsync(logger, (p, token) => p.OnPhaseAsync(change, token), ct),
        };
        _run = run;
        var runners = _scenarios.Select((s, i) => new ScenarioRunner(s, plans[i], run)).ToList();
        _runners = runners;

        if (abortReason is null)
        {
            using var tickerStop = new CancellationTokenSource();
            var ticker = TickAsync(run, runners, abort, reason => abortReason ??= reason, logger, tickerStop.Token);
            await Task.WhenAll(runners.Select(r => r.RunAsync(abort.Token))).ConfigureAwait(false);
            await tickerStop.CancelAsync().ConfigureAwait(false);
            var lastTick = await ticker.ConfigureAwait(false);
            // Always close a last interval, even of zero length: completions that raced the last tick belong somewhere.
            var end = RunEnd(run, runners);
            await CloseIntervalsAsync(run, runners, lastTick, end > lastTick ? end : lastTick, logger, CancellationToken.None).ConfigureAwait(false);
            if (cancellationToken.IsCancellationRequested)
            {
                abortReason ??= "cancelled by the user";
            }
        }

        var scenarioResults = runners.Select(r => Summarise(r, run)).ToList();
        var thresholds = scenarioResults.SelectMany(s => s.Thresholds).ToList();
        var result = new RunResult
        {
            RunId = runId,
            Seed = _options.Seed,
            StartedAt = startedAt,
            DurationSeconds = RunEnd(run, runners).TotalSeconds,
            IntervalSeconds = _options.ReportingInterval.TotalSeconds,
            Scenarios = scenarioResults,
        };

        await ForEachPluginAsync(logger, (p, ct) => p.StopAsync(result, ct), CancellationToken.None).ConfigureAwait(false);
        // Series and fault windows first: a recovery threshold reads another plugin's lag series.
        var series = new List<PluginSeries>();
        var faults = new List<FaultWindow>();
        var failedToReport = new HashSet<IRunPlugin>();
        foreach (var plugin in _plugins)
        {
            try
            {
                series.AddRange(plugin.GetSeries());
                faults.AddRange(plugin.GetFaultWindows());
            }
            catch (Exception ex)
            {
                logger.LogWarning(ex, "Plugin {Plugin} failed to report", plugin.Name);
                thresholds.Add(new ThresholdResult(null, $"plugin {plugin.Name} reports", false, "error: " + ex.Message));
                failedToReport.Add(plugin);
            }
        }

        faults.Sort((a, b) => a.PlannedStartSeconds.CompareTo(b.PlannedStartSeconds));
        result = result with { PluginSeries = series, Faults = faults };
        foreach (var plugin in _plugins.Where(p => !failedToReport.Contains(p)))
        {
            try
            {
                thresholds.AddRange(plugin.EvaluateThresholds(result));
            }
            catch (Exception ex)
            {
                logger.LogWarning(ex, "Plugin {Plugin} failed to report", plugin.Name);
                thresholds.Add(new ThresholdResult(null, $"plugin {plugin.Name} reports", false, "error: " + ex.Message));
            }
        }

        foreach (var scenario in _scenarios.Where(s => s.Clean is not null))
        {
            try
            {
                await scenario.Clean!(InitContext(scenario, runId, logger, CancellationToken.None)).ConfigureAwait(false);
            }
            catch (Exception ex)
            {
                // As in NBomber: a failing clean is logged, the results stand.
                logger.LogWarning(ex, "Clean of scenario {Scenario} failed", scenario.Name);
            }
        }

        var outcome = abortReason is not null ? RunOutcome.Aborted
            : thresholds.Exists(t => !t.Passed) ? RunOutcome.ThresholdsFailed
            : RunOutcome.Passed;
        return result with { Outcome = outcome, AbortReason = abortReason, Thresholds = thresholds };
    }

    private ScenarioInitContext InitContext(ScenarioProps scenario, string runId, ILogger logger, CancellationToken cancellationToken) =>
        new(scenario.Name, runId, scenario.Settings, _loggerFactory.CreateLogger("loadsim." + scenario.Name), cancellationToken);

    /// <summary>Closes an interval every <see cref="RunOptions.ReportingInterval"/>; returns the start of the open one.</summary>
    private async Task<TimeSpan> TickAsync(
        RunContext run,
        List<ScenarioRunner> runners,
        CancellationTokenSource abort,
        Action<string> onAbort,
        ILogger logger,
        CancellationToken stop)
    {
        var from = TimeSpan.Zero;
        var nominal = TimeSpan.Zero;
        while (!stop.IsCancellationRequested)
        {
            nominal += _options.ReportingInterval;
            var wait = nominal - run.Elapsed;
            try
            {
                if (wait > TimeSpan.Zero)
                {
                    await Task.Delay(wait, _time, stop).ConfigureAwait(false);
                }
            }
            catch (OperationCanceledException)
            {
                break;
            }

            if (runners.TrueForAll(r => r.IsFinished))
            {
                // The final, partial interval is closed at the exact end by the caller.
                break;
            }

            // Close at the time the tick actually ran (timers fire late on a busy machine), so the achieved and
            // target rates share one denominator; the nominal grid keeps later ticks from drifting.
            var to = run.Elapsed;
            await CloseIntervalsAsync(run, runners, from, to, logger, CancellationToken.None).ConfigureAwait(false);
            from = to;
            foreach (var runner in runners)
            {
                if (ThresholdEvaluator.ShouldAbort(runner.Name, runner.Stats.Measured.Snapshot(), runner.Props.Thresholds) is { } reason)
                {
                    logger.LogError("Aborting: {Reason}", reason);
                    onAbort(reason);
                    await abort.CancelAsync().ConfigureAwait(false);
                }
            }
        }

        return from;
    }

    private async Task CloseIntervalsAsync(RunContext run, List<ScenarioRunner> runners, TimeSpan from, TimeSpan to, ILogger logger, CancellationToken cancellationToken)
    {
        var intervals = new Dictionary<string, IntervalStats>(StringComparer.Ordinal);
        foreach (var runner in runners)
        {
            intervals[runner.Name] = runner.Stats.CloseInterval(from, to, runner.TargetBetween(from, to), runner.InFlight, runner.Copies);
            _metrics?.ForScenario(run.RunId, runner.Name).SetTargetRate(runner.IsFinished ? 0 : runner.TargetRateAt(to));
        }

        await ForEachPluginAsync(logger, (p, ct) => p.OnIntervalAsync(to.TotalSeconds, intervals, ct), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The end of the last drain (exact under a fake clock), not when this code happens to run.</summary>
    private static TimeSpan RunEnd(RunContext run, List<ScenarioRunner> runners) =>
        runners.Count > 0 && runners.TrueForAll(r => r.End is not null) ? runners.Max(r => r.End!.Value) : run.Elapsed;

    private static ScenarioResult Summarise(ScenarioRunner runner, RunContext run)
    {
        var measuredStart = runner.MeasuredStart ?? TimeSpan.Zero;
        var end = runner.End ?? run.Elapsed;
        var seconds = Math.Max((end - measuredStart).TotalSeconds, 0);
        var counts = runner.Stats.Measured.Snapshot();
        var result = new ScenarioResult
        {
            Name = runner.Name,
            Model = runner.Plan.Model == LoadModel.Open ? "open" : "closed",
            LoadSimulations = [.. runner.Props.LoadSimulations.Select(s => s.ToString())],
            WarmUpSeconds = runner.Plan.WarmUp.TotalSeconds,
            DurationSeconds = seconds,
            Counts = counts,
            WarmUpCounts = runner.Stats.WarmUp.Snapshot(),
            Latency = runner.Stats.Latency(),
            ServiceTime = runner.Stats.ServiceTime(),
            Rps = seconds > 0 ? counts.Ok / seconds : 0,
            BytesTransferred = runner.Stats.Measured.Bytes,
            StatusCodes = runner.Stats.StatusCodes(),
            Steps = runner.Stats.Steps(),
            Intervals = runner.Stats.Intervals(),
        };
        return result with { Thresholds = ThresholdEvaluator.Evaluate(result, runner.Props.Thresholds, runner.Props.CustomThresholds) };
    }

    private async Task ForEachPluginAsync(ILogger logger, Func<IRunPlugin, CancellationToken, Task> call, CancellationToken cancellationToken)
    {
        foreach (var plugin in _plugins)
        {
            try
            {
                await call(plugin, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex)
            {
                logger.LogWarning(ex, "Plugin {Plugin} failed", plugin.Name);
            }
        }
    }
}
