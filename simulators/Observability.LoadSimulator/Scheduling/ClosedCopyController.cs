using Observability.LoadSimulator.Metrics;
using Observability.LoadSimulator.Simulations;

namespace Observability.LoadSimulator.Scheduling;

/// <summary>
/// The closed model: keeps the planned number of copies (virtual users) running, each starting its next
/// iteration as soon as the last one completed; ramps change the count one copy at a time.
/// </summary>
internal sealed class ClosedCopyController(LoadPlan plan, IterationTracker tracker, PhaseTimeline timeline, RunContext run, ScenarioMetrics? metrics)
    : ILoadDriver
{
    private readonly List<Copy> _active = [];
    private int _copyCount;
    private volatile bool _stopped;
    private volatile bool _warmUp;

    public int Copies => Volatile.Read(ref _copyCount);

    public async Task RunAsync(CancellationToken abort)
    {
        var phaseStart = TimeSpan.Zero;
        foreach (var phase in plan.Phases)
        {
            if (_stopped)
            {
                break;
            }

            if (!phase.IsWarmUp)
            {
                timeline.MarkMeasuredStart(phaseStart);
            }

            _warmUp = phase.IsWarmUp;
            // Not awaited: a slow plugin (e.g. Grafana timing out) must not delay the copies of this phase.
            _ = timeline.NotifyAsync(phase, abort);
            var next = await RunPhaseAsync(phase, phaseStart, abort).ConfigureAwait(false);
            if (next is null)
            {
                return;
            }

            phaseStart = next.Value;
        }

        SetCopies(0, null, abort);
    }

    public void Stop()
    {
        _stopped = true;
        lock (_active)
        {
            foreach (var copy in _active)
            {
                copy.RequestStop();
            }
        }
    }

    /// <summary>Runs one phase; returns where the next one starts, or null when aborted.</summary>
    private async Task<TimeSpan?> RunPhaseAsync(PlannedPhase phase, TimeSpan phaseStart, CancellationToken abort)
    {
        var simulation = phase.Simulation;
        switch (simulation.Kind)
        {
            case LoadSimulationKind.KeepConstant:
                SetCopies(simulation.Copies, null, abort);
                break;
            case LoadSimulationKind.RampingConstant:
                if (!await RampAsync(phase, phaseStart, abort).ConfigureAwait(false))
                {
                    return null;
                }

                break;
            case LoadSimulationKind.IterationsForConstant:
                // Lasts as long as its iterations take: the next phase starts when they are done.
                SetCopies(0, null, abort);
                var loops = SetCopies(simulation.Copies, new IterationBudget(simulation.Iterations), abort);
                try
                {
                    await Task.WhenAll(loops).WaitAsync(abort).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    return null;
                }

                SetCopies(0, null, abort);
                return run.Elapsed;
            default:
                SetCopies(0, null, abort);
                break;
        }

        var phaseEnd = phaseStart + phase.Duration;
        return await timeline.DelayUntilAsync(phaseEnd, abort).ConfigureAwait(false) ? phaseEnd : null;
    }

    /// <summary>Changes by one copy each time the linear ramp crosses a half-integer; false when aborted.</summary>
    private async Task<bool> RampAsync(PlannedPhase phase, TimeSpan phaseStart, CancellationToken abort)
    {
        var simulation = phase.Simulation;
        var from = Copies;
        var target = from + (int)Math.Round((simulation.Copies - from) * Fraction(phase.Duration, simulation.During));
        var steps = Math.Abs(target - from);
        for (var j = 1; j <= steps; j++)
        {
            var at = phaseStart + (phase.Duration * ((j - 0.5) / steps));
            if (!await timeline.DelayUntilAsync(at, abort).ConfigureAwait(false))
            {
                return false;
            }

            SetCopies(from + (Math.Sign(target - from) * j), null, abort);
        }

        return true;
    }

    private static double Fraction(TimeSpan part, TimeSpan whole) =>
        whole <= TimeSpan.Zero ? 1 : Math.Clamp(part / whole, 0, 1);

    /// <summary>Grows or shrinks the copies to <paramref name="count"/>; returns the loops of new copies.</summary>
    private List<Task> SetCopies(int count, IterationBudget? budget, CancellationToken abort)
    {
        var started = new List<Copy>();
        lock (_active)
        {
            while (_active.Count > count)
            {
                _active[^1].RequestStop();
                _active.RemoveAt(_active.Count - 1);
            }

            while (_active.Count < count && !_stopped)
            {
                var copy = new Copy(_active.Count);
                _active.Add(copy);
                started.Add(copy);
            }

            Volatile.Write(ref _copyCount, _active.Count);
        }

        metrics?.SetCopies(Copies);
        foreach (var copy in started)
        {
            copy.Loop = CopyLoopAsync(copy, budget, abort);
        }

        return [.. started.Select(c => c.Loop)];
    }

    private async Task CopyLoopAsync(Copy copy, IterationBudget? budget, CancellationToken abort)
    {
        while (!copy.StopRequested && !_stopped && !abort.IsCancellationRequested)
        {
            if (budget is not null && !budget.TryTake())
            {
                return;
            }

            var iteration = tracker.Start(run.Elapsed, copy.Number, _warmUp);
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
}
