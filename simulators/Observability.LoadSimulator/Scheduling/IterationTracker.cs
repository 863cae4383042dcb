using System.Collections.Concurrent;
using Observability.LoadSimulator.Metrics;
using Observability.LoadSimulator.Scenarios;
using Observability.LoadSimulator.Statistics;

namespace Observability.LoadSimulator.Scheduling;

/// <summary>
/// Starts iterations of one scenario and accounts for each exactly once: completed (ok or fail) or, at the end
/// of the drain, timed out. Both the open injector and the closed copy controller start through here.
/// </summary>
internal sealed class IterationTracker
{
    private readonly ScenarioProps _props;
    private readonly RunContext _run;
    private readonly ILogger _logger;
    private readonly ScenarioMetrics? _metrics;
    private readonly ConcurrentDictionary<long, InFlightIteration> _inFlight = new();
    private readonly CancellationTokenSource _iterationsCts = new();
    private readonly TaskCompletionSource<TimeSpan> _empty = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long _inFlightCount;
    private long _invocations;
    private int _draining;

    public IterationTracker(ScenarioProps props, RunContext run, ILogger logger, ScenarioMetrics? metrics)
    {
        _props = props;
        _run = run;
        _logger = logger;
        _metrics = metrics;
    }

    public ScenarioStatsCollector Stats { get; } = new();

    public long InFlight => Interlocked.Read(ref _inFlightCount);

    /// <summary>
    /// Starts one iteration meant to start at <paramref name="intended"/>. Open-model starts are counted as
    /// intended by the injector (it may drop them instead); a copy's start is intended when it happens.
    /// </summary>
    public Task Start(TimeSpan intended, int copyNumber, bool isWarmUp)
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

    /// <summary>Asks every iteration in flight to give up (abort means "stop now").</summary>
    public void CancelIterations() => _iterationsCts.Cancel();

    /// <summary>From now on, completes with the time the last iteration in flight finished (at once when none is).</summary>
    public Task<TimeSpan> WhenEmptyAsync()
    {
        var now = _run.Elapsed;
        // Exchange is a full fence, so either this check or Finished() sees the other's write.
        Interlocked.Exchange(ref _draining, 1);
        if (InFlight == 0)
        {
            _empty.TrySetResult(now);
        }

        return _empty.Task;
    }

    /// <summary>Counts every iteration still in flight as timed out; their late completions are then ignored.</summary>
    public int TimeOutRemaining()
    {
        var count = 0;
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
                count++;
            }
        }

        return count;
    }

    public Task CancelRemainingAsync() => _iterationsCts.CancelAsync();

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

        var serviceTime = response.Latency ?? _run.Elapsed - iteration.Started;
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
            _empty.TrySetResult(_run.Elapsed);
        }
    }
}
