using Observability.LoadSimulator.Metrics;
using Observability.LoadSimulator.Simulations;

namespace Observability.LoadSimulator.Scheduling;

/// <summary>
/// The open model: a one-shot timer starts every iteration that is due, then sleeps until the next intended start.
/// An iteration over the in-flight cap is dropped and counted, never started late (coordinated omission).
/// </summary>
internal sealed class OpenInjector(LoadPlan plan, OpenSchedule schedule, IterationTracker tracker, PhaseTimeline timeline, RunContext run, ScenarioMetrics? metrics)
    : ILoadDriver
{
    // Completes inline: under a fake clock the drain must register its grace timer at the moment injection ends.
    private readonly TaskCompletionSource _done = new();
    private readonly Lock _gate = new();
    private IEnumerator<ScheduledStart>? _starts;
    private ScheduledStart? _next;
    private ITimer? _timer;
    private volatile bool _stopped;

    public int Copies => 0;

    public async Task RunAsync(CancellationToken abort)
    {
        _starts = schedule.Starts().GetEnumerator();
        _next = _starts.MoveNext() ? _starts.Current : null;
        var phases = AnnouncePhasesAsync(abort);
        lock (_gate)
        {
            if (!_stopped)
            {
                _timer = run.Time.CreateTimer(static state => ((OpenInjector)state!).Inject(), this, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
            }
        }

        Inject();
        await _done.Task.ConfigureAwait(false);
        _starts.Dispose();
        await phases.ConfigureAwait(false);
    }

    public void Stop()
    {
        _stopped = true;
        lock (_gate)
        {
            _timer?.Dispose();
        }

        _done.TrySetResult();
    }

    /// <summary>Timer callback: start everything that is due, then sleep until the next intended start.</summary>
    private void Inject()
    {
        bool finished;
        lock (_gate)
        {
            finished = InjectDue();
        }

        // Outside the lock: the drain continues inline from here.
        if (finished)
        {
            _done.TrySetResult();
        }
    }

    /// <summary>Starts every due iteration; true when nothing is left to start.</summary>
    private bool InjectDue()
    {
        if (_stopped || _timer is null)
        {
            return true;
        }

        var now = run.Elapsed;
        while (_next is { } next && !_stopped)
        {
            if (next.Intended > now)
            {
                now = run.Elapsed;
                if (next.Intended > now)
                {
                    break;
                }
            }

            Launch(next);
            _next = _starts!.MoveNext() ? _starts.Current : null;
        }

        if (_next is null && !_stopped && run.Elapsed < schedule.TotalDuration)
        {
            // Nothing left to start, but the phase lasts until its end (e.g. the gap after the last start).
            _timer.Change(schedule.TotalDuration - run.Elapsed, Timeout.InfiniteTimeSpan);
            return false;
        }

        if (_next is null || _stopped)
        {
            _timer.Dispose();
            _timer = null;
            return true;
        }

        _timer.Change(_next.Value.Intended - now, Timeout.InfiniteTimeSpan);
        return false;
    }

    private void Launch(ScheduledStart start)
    {
        var counters = tracker.Stats.For(start.IsWarmUp);
        counters.Intended();
        if (tracker.InFlight >= run.Options.MaxConcurrency)
        {
            counters.Dropped();
            if (!start.IsWarmUp)
            {
                metrics?.Dropped();
            }

            return;
        }

        tracker.Start(start.Intended, -1, start.IsWarmUp);
    }

    private async Task AnnouncePhasesAsync(CancellationToken abort)
    {
        var offset = TimeSpan.Zero;
        foreach (var phase in plan.Phases)
        {
            if (!await timeline.DelayUntilAsync(offset, abort).ConfigureAwait(false) || _stopped)
            {
                return;
            }

            await timeline.NotifyAsync(phase, abort).ConfigureAwait(false);
            offset += phase.Duration;
        }
    }
}
