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
    /// <summary>
    /// The finest wait a timer keeps: System.Threading timers count whole milliseconds, so a shorter due time is 0,
    /// which fires at once and, at thousands of starts a second, spins a core through the timer and the thread pool
    /// without starting anything. Starts due in less than this wait for it and go together; the start delay is in
    /// the corrected latency.
    /// </summary>
    internal static readonly TimeSpan TimerResolution = TimeSpan.FromMilliseconds(1);

    private static readonly TimeSpan MaxSleep = TimeSpan.FromMilliseconds(20);

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
        if (ReferenceEquals(run.Time, TimeProvider.System))
        {
            StartInjectorThread();
        }
        else
        {
            lock (_gate)
            {
                if (!_stopped)
                {
                    _timer = run.Time.CreateTimer(static state => ((OpenInjector)state!).Inject(), this, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
                }
            }

            Inject();
        }

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

    /// <summary>
    /// On real time the injector is a thread of its own that sleeps until the next start. A timer callback would
    /// queue to the thread pool at every wake-up, and under load the pool's wake-up latency became start delay
    /// (milliseconds at p50 at 5 000/s here).
    /// </summary>
    private void StartInjectorThread()
    {
        var thread = new Thread(static state => ((OpenInjector)state!).InjectLoop())
        {
            IsBackground = true,
            Name = "loadsim-injector",
            Priority = ThreadPriority.AboveNormal,
        };
        thread.Start(this);
    }

    private void InjectLoop()
    {
        while (true)
        {
            TimeSpan? wait;
            lock (_gate)
            {
                wait = StartDue();
            }

            if (wait is null)
            {
                break;
            }

            // Whole milliseconds, at most MaxSleep: Stop() is seen within that.
            Thread.Sleep(Math.Clamp((int)Math.Ceiling(wait.Value.TotalMilliseconds), 1, (int)MaxSleep.TotalMilliseconds));
        }

        _done.TrySetResult();
    }

    /// <summary>Timer callback: start everything that is due, then sleep until the next intended start.</summary>
    private void Inject()
    {
        var finished = false;
        lock (_gate)
        {
            if (_timer is null || StartDue() is not { } wait)
            {
                _timer?.Dispose();
                _timer = null;
                finished = true;
            }
            else
            {
                _timer.Change(WaitFor(wait), Timeout.InfiniteTimeSpan);
            }
        }

        // Outside the lock: the drain continues inline from here.
        if (finished)
        {
            _done.TrySetResult();
        }
    }

    /// <summary>Starts every due iteration; returns how long until there is more to do, or null when nothing is left.</summary>
    private TimeSpan? StartDue()
    {
        if (_stopped)
        {
            return null;
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

        if (_stopped)
        {
            return null;
        }

        if (_next is { } upcoming)
        {
            return upcoming.Intended - now;
        }

        // Nothing left to start, but the phase lasts until its end (e.g. the gap after the last start).
        var left = schedule.TotalDuration - run.Elapsed;
        return left > TimeSpan.Zero ? left : null;
    }

    private static TimeSpan WaitFor(TimeSpan due) => due < TimerResolution ? TimerResolution : due;

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
