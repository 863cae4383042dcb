using System.Collections.Concurrent;
using Observability.LoadSimulator.Metrics;
using Observability.LoadSimulator.Plugins;
using Observability.LoadSimulator.Scenarios;
using Observability.LoadSimulator.Simulations;
using Observability.LoadSimulator.Statistics;

namespace Observability.LoadSimulator.Scheduling;

/// <summary>
/// Drives one scenario: the open-model injector (a one-shot timer that starts every iteration that is due,
/// then sleeps until the next intended start) or the closed-model copy controller, then the drain.
/// Every started iteration is tracked until it completes or the grace period ends, so the counts add up.
/// </summary>
internal sealed class ScenarioRunner
{
    private readonly ScenarioProps _props;
    private readonly RunContext _run;
    private readonly ILogger _logger;
    private readonly ScenarioMetrics? _metrics;
    private readonly ConcurrentDictionary<long, InFlightIteration> _inFlight = new();
    private readonly CancellationTokenSource _iterationsCts = new();
    private readonly TaskCompletionSource _drained = new(TaskCreationOptions.RunContinuationsAsynchronously);
    // Completes inline: under a fake clock the drain must register its grace timer at the moment injection ends.
    private readonly TaskCompletionSource _injectionDone = new();
    private readonly Lock _injectGate = new();
    private readonly List<Copy> _activeCopies = [];
    private readonly OpenSchedule? _schedule;
    private IEnumerator<ScheduledStart>? _starts;
    private ScheduledStart? _next;
    private ITimer? _timer;
    private long _inFlightCount;
    private long _invocations;
    private int _copyCount;
    private volatile bool _stopLaunching;
    private int _draining;
    private TimeSpan? _drainedAt;
    private volatile bool _currentWarmUp;
    private TimeSpan? _measuredStart;
    private TimeSpan? _end;

    public ScenarioRunner(ScenarioProps props, LoadPlan plan, RunContext run)
    {
        _props = props;
        Plan = plan;
        _run = run;
        _logger = run.LoggerFactory.CreateLogger("loadsim." + props.Name);
        _metrics = run.Metrics?.ForScenario(run.RunId, props.Name);
        if (plan.Model == LoadModel.Open)
        {
            _schedule = plan.BuildOpenSchedule(SeedMixer.Mix(run.Options.Seed, props.Name, -1));
            _measuredStart = plan.Phases.Where(p => p.IsWarmUp).Aggregate(TimeSpan.Zero, (sum, p) => sum + p.Duration);
        }
    }

    public string Name => _props.Name;

    public ScenarioProps Props => _props;

    public LoadPlan Plan { get; }

    public ScenarioStatsCollector Stats { get; } = new();

    public long InFlight => Interlocked.Read(ref _inFlightCount);

    public int Copies => Volatile.Read(ref _copyCount);

    public bool IsFinished => _end is not null;

    /// <summary>When the measured pass began (null while warming up).</summary>
    public TimeSpan? MeasuredStart => _measuredStart;

    public TimeSpan? End => _end;

    public double TargetRateAt(TimeSpan offset) => _schedule?.RateAt(offset) ?? 0;

    public double TargetBetween(TimeSpan from, TimeSpan to) =>
        _schedule is null || (to - from).TotalSeconds <= 1e-6 ? 0 : _schedule.ExpectedBetween(from, to) / (to - from).TotalSeconds;

    /// <summary>Runs the load to its end (or until <paramref name="abort"/>), then drains.</summary>
    public async Task RunAsync(CancellationToken abort)
    {
        await using var registration = abort.Register(OnAbort);
        await using var stopRegistration = Props.StopWhen.Register(StopLaunching);
        try
        {
            if (_schedule is not null)
            {
                await RunOpenAsync(abort).ConfigureAwait(false);
            }
            else
            {
                await RunClosedAsync(abort).ConfigureAwait(false);
            }
        }
        finally
        {
            // Not the abort token: the drain must run to account for every started iteration.
            await DrainAsync(CancellationToken.None).ConfigureAwait(false);
        }
    }

    private void OnAbort()
    {
        StopLaunching();
        // Aborting means "stop now": ask in-flight iterations to give up, then drain as usual.
        _iterationsCts.Cancel();
    }

    private void StopLaunching()
    {
        _stopLaunching = true;
        lock (_injectGate)
        {
            _timer?.Dispose();
        }

        _injectionDone.TrySetResult();

        lock (_activeCopies)
        {
            foreach (var copy in _activeCopies)
            {
                copy.RequestStop();
            }
        }
    }

    private async Task RunOpenAsync(CancellationToken abort)
    {
        _starts = _schedule!.Starts().GetEnumerator();
        _next = _starts.MoveNext() ? _starts.Current : null;
        var phases = NotifyOpenPhasesAsync(abort);
        lock (_injectGate)
        {
            if (!_stopLaunching)
            {
                _timer = _run.Time.CreateTimer(static state => ((ScenarioRunner)state!).Inject(), this, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
            }
        }

        Inject();
        await _injectionDone.Task.ConfigureAwait(false);
        _starts.Dispose();
        await phases.ConfigureAwait(false);
    }

    /// <summary>Timer callback: start everything that is due, then sleep until the next intended start.</summary>
    private void Inject()
    {
        bool finished;
        lock (_injectGate)
        {
            finished = InjectDue();
        }

        // Outside the lock: the drain continues inline from here.
        if (finished)
        {
            _injectionDone.TrySetResult();
        }
    }

    /// <summary>Starts every due iteration; true when nothing is left to start.</summary>
    private bool InjectDue()
    {
        if (_stopLaunching || _timer is null)
        {
            return true;
        }

        var now = _run.Elapsed;
        while (_next is { } next && !_stopLaunching)
        {
            if (next.Intended > now)
            {
                now = _run.Elapsed;
                if (next.Intended > now)
                {
                    break;
                }
            }

            LaunchOpen(next);
            _next = _starts!.MoveNext() ? _starts.Current : null;
        }

        if (_next is null && !_stopLaunching && _run.Elapsed < _schedule!.TotalDuration)
        {
            // Nothing left to start, but the phase lasts until its end (e.g. the gap after the last start).
            _timer.Change(_schedule.TotalDuration - _run.Elapsed, Timeout.InfiniteTimeSpan);
            return false;
        }

        if (_next is null || _stopLaunching)
        {
            _timer.Dispose();
            _timer = null;
            return true;
        }

        _timer.Change(_next.Value.Intended - now, Timeout.InfiniteTimeSpan);
        return false;
    }

    private void LaunchOpen(ScheduledStart start)
    {
        var counters = Stats.For(start.IsWarmUp);
        counters.Intended();
        if (Interlocked.Read(ref _inFlightCount) >= _run.Options.MaxConcurrency)
        {
            // Starting it later would hide the overload (coordinated omission), so it is dropped and counted.
            counters.Dropped();
            if (!start.IsWarmUp)
            {
                _metrics?.Dropped();
            }

            return;
        }

        Start(start.Intended, -1, start.IsWarmUp);
    }

    private async Task NotifyOpenPhasesAsync(CancellationToken abort)
    {
        var offset = TimeSpan.Zero;
        foreach (var phase in Plan.Phases)
        {
            if (!await DelayUntilAsync(offset, abort).ConfigureAwait(false) || _stopLaunching)
            {
                return;
            }

            await NotifyPhaseAsync(phase, abort).ConfigureAwait(false);
            offset += phase.Duration;
        }
    }

    private async Task RunClosedAsync(CancellationToken abort)
    {
        var phaseStart = TimeSpan.Zero;
        foreach (var phase in Plan.Phases)
        {
            if (_stopLaunching)
            {
                break;
            }

            if (!phase.IsWarmUp && _measuredStart is null)
            {
                _measuredStart = phaseStart;
            }

            _currentWarmUp = phase.IsWarmUp;
            // Not awaited: a slow plugin (e.g. Grafana timing out) must not delay the copies of this phase.
            _ = NotifyPhaseAsync(phase, abort);
            var simulation = phase.Simulation;
            var phaseEnd = phaseStart + phase.Duration;
            switch (simulation.Kind)
            {
                case LoadSimulationKind.KeepConstant:
                    SetCopies(simulation.Copies, null, abort);
                    break;
                case LoadSimulationKind.RampingConstant:
                    {
                        var from = Copies;
                        var target = from + (int)Math.Round((simulation.Copies - from) * Fraction(phase.Duration, simulation.During));
                        var steps = Math.Abs(target - from);
                        for (var j = 1; j <= steps; j++)
                        {
                            // Change by one copy each time the linear ramp crosses a half-integer.
                            var at = phaseStart + (phase.Duration * ((j - 0.5) / steps));
                            if (!await DelayUntilAsync(at, abort).ConfigureAwait(false))
                            {
                                return;
                            }

                            SetCopies(from + (Math.Sign(target - from) * j), null, abort);
                        }

                        break;
                    }

                case LoadSimulationKind.IterationsForConstant:
                    {
                        SetCopies(0, null, abort);
                        var budget = new IterationBudget(simulation.Iterations);
                        var loops = SetCopies(simulation.Copies, budget, abort);
                        try
                        {
                            await Task.WhenAll(loops).WaitAsync(abort).ConfigureAwait(false);
                        }
                        catch (OperationCanceledException)
                        {
                            return;
                        }

                        SetCopies(0, null, abort);
                        phaseStart = _run.Elapsed;
                        continue;
                    }

                default:
                    SetCopies(0, null, abort);
                    break;
            }

            if (!await DelayUntilAsync(phaseEnd, abort).ConfigureAwait(false))
            {
                return;
            }

            phaseStart = phaseEnd;
        }

        SetCopies(0, null, abort);
    }

    private static double Fraction(TimeSpan part, TimeSpan whole) =>
        whole <= TimeSpan.Zero ? 1 : Math.Clamp(part / whole, 0, 1);

    /// <summary>Grows or shrinks the copies to <paramref name="count"/>; returns the loops of new copies.</summary>
    private List<Task> SetCopies(int count, IterationBudget? budget, CancellationToken abort)
    {
        var started = new List<Copy>();
        lock (_activeCopies)
        {
            while (_activeCopies.Count > count)
            {
                _activeCopies[^1].RequestStop();
                _activeCopies.RemoveAt(_activeCopies.Count - 1);
            }

            while (_activeCopies.Count < count && !_stopLaunching)
            {
                var copy = new Copy(_activeCopies.Count);
                _activeCopies.Add(copy);
                started.Add(copy);
            }

            Volatile.Write(ref _copyCount, _activeCopies.Count);
        }

        _metrics?.SetCopies(Copies);
        foreach (var copy in started)
        {
            copy.Loop = CopyLoopAsync(copy, budget, abort);
        }

        return [.. started.Select(c => c.Loop)];
    }

    private async Task CopyLoopAsync(Copy copy, IterationBudget? budget, CancellationToken abort)
    {
        while (!copy.StopRequested && !_stopLaunching && !abort.IsCancellationRequested)
        {
            if (budget is not null && !budget.TryTake())
            {
                return;
            }

            var now = _run.Elapsed;
            var iteration = Start(now, copy.Number, _currentWarmUp);
            if (iteration.IsCompleted)
            {
                // A scenario that never awaits would otherwise spin this thread forever.
                await Task.Yield();
            }
            else
            {
                await iteration.ConfigureAwait(false);
            }
        }
    }

    private Task Start(TimeSpan intended, int copyNumber, bool isWarmUp)
    {
        var counters = Stats.For(isWarmUp);
        if (copyNumber >= 0)
        {
            counters.Intended();
        }

        var id = Interlocked.Increment(ref _invocations);
        var started = _run.Elapsed;
        counters.Started();
        var inFlight = Interlocked.Increment(ref _inFlightCount);
        _metrics?.SetInflight(inFlight);
        var iteration = new InFlightIteration(id, intended, started, isWarmUp);
        _inFlight[id] = iteration;
        var context = new ScenarioContext(
            _props.Name,
            _run.RunId,
            id,
            copyNumber,
            SeedMixer.Mix(_run.Options.Seed, _props.Name, id),
            isWarmUp,
            started - intended,
            _run.Time,
            _logger,
            _props.Settings,
            Stats,
            _iterationsCts.Token);
        return ExecuteAsync(iteration, context, context.CancellationToken);
    }

    private async Task ExecuteAsync(InFlightIteration iteration, ScenarioContext context, CancellationToken cancellationToken)
    {
        Response response;
        try
        {
            response = await _props.Run(context).ConfigureAwait(false);
            if (context.AnyStepFailed && !response.IsError)
            {
                response = Response.Fail("step_failed", "a step failed", response.SizeBytes, response.Latency);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            response = Response.Fail("canceled", "the run was cancelled");
        }
        catch (Exception ex)
        {
            response = Response.Fail("exception", ex.GetType().Name + ": " + ex.Message);
        }

        Complete(iteration, response);
    }

    private void Complete(InFlightIteration iteration, Response response)
    {
        if (!_inFlight.TryRemove(iteration.Id, out _))
        {
            // Already counted as timed out at the end of the grace period.
            return;
        }

        var now = _run.Elapsed;
        var serviceTime = response.Latency ?? now - iteration.Started;
        var latency = serviceTime + (iteration.Started - iteration.Intended);
        Stats.RecordCompletion(response, latency, serviceTime, iteration.IsWarmUp);
        if (!iteration.IsWarmUp)
        {
            _metrics?.Completed(response.IsError, latency, serviceTime);
        }

        if (response.IsError && _logger.IsEnabled(LogLevel.Debug))
        {
            _logger.LogDebug("Iteration {Id} failed: {Status} {Message}", iteration.Id, response.StatusCode, response.Message);
        }

        Finished();
    }

    private void Finished()
    {
        var left = Interlocked.Decrement(ref _inFlightCount);
        _metrics?.SetInflight(left);
        if (left == 0 && Volatile.Read(ref _draining) == 1)
        {
            _drainedAt ??= _run.Elapsed;
            _drained.TrySetResult();
        }
    }

    private async Task DrainAsync(CancellationToken cancellationToken)
    {
        StopLaunching();
        var drainStart = _run.Elapsed;
        // Exchange is a full fence, so either this check or Finished() sees the other's write.
        Interlocked.Exchange(ref _draining, 1);
        if (Interlocked.Read(ref _inFlightCount) == 0)
        {
            _drainedAt ??= drainStart;
            _drained.TrySetResult();
        }

        var end = drainStart + _run.Options.GracePeriod;
        try
        {
            await _drained.Task.WaitAsync(_run.Options.GracePeriod, _run.Time, cancellationToken).ConfigureAwait(false);
            end = _drainedAt ?? _run.Elapsed;
        }
        catch (TimeoutException)
        {
            _logger.LogWarning("{Count} iterations still running after the {Grace} grace period; counted as timed out.", InFlight, _run.Options.GracePeriod);
        }

        foreach (var id in _inFlight.Keys)
        {
            if (_inFlight.TryRemove(id, out var iteration))
            {
                Stats.For(iteration.IsWarmUp).TimedOut();
                if (!iteration.IsWarmUp)
                {
                    _metrics?.TimedOut();
                }

                Finished();
            }
        }

        await _iterationsCts.CancelAsync().ConfigureAwait(false);
        _measuredStart ??= end;
        _end = end;
        _metrics?.SetTargetRate(0);
        _metrics?.SetCopies(0);
    }

    private async Task NotifyPhaseAsync(PlannedPhase phase, CancellationToken cancellationToken)
    {
        if (!phase.IsWarmUp && _measuredStart is null)
        {
            _measuredStart = _run.Elapsed;
        }

        _metrics?.SetTargetRate(phase.Simulation.IsOpen ? phase.Simulation.RatePerSecond : 0);
        var change = new PhaseChange(_run.RunId, _props.Name, phase.Index, phase.Simulation, phase.IsWarmUp, _run.Elapsed.TotalSeconds, _run.Time.GetUtcNow());
        try
        {
            await _run.OnPhase(change, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            _logger.LogWarning(ex, "Phase notification failed");
        }
    }

    /// <summary>Waits until <paramref name="offset"/> from the run start; false when aborted.</summary>
    private async Task<bool> DelayUntilAsync(TimeSpan offset, CancellationToken abort)
    {
        var wait = offset - _run.Elapsed;
        if (wait > TimeSpan.Zero)
        {
            try
            {
                await Task.Delay(wait, _run.Time, abort).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return false;
            }
        }

        return !abort.IsCancellationRequested;
    }
}
