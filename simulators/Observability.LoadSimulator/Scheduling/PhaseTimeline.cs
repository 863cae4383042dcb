using Observability.LoadSimulator.Metrics;
using Observability.LoadSimulator.Plugins;
using Observability.LoadSimulator.Simulations;

namespace Observability.LoadSimulator.Scheduling;

/// <summary>
/// The clock side of one scenario shared by its injector or copy controller: waiting until an offset of the run,
/// announcing each phase to the plugins, and remembering when the measured (post-warm-up) pass began.
/// </summary>
internal sealed class PhaseTimeline(string scenario, RunContext run, ILogger logger, ScenarioMetrics? metrics)
{
    private TimeSpan? _measuredStart;

    /// <summary>When the measured pass began (null while warming up).</summary>
    public TimeSpan? MeasuredStart => _measuredStart;

    public void MarkMeasuredStart(TimeSpan at) => _measuredStart ??= at;

    public async Task NotifyAsync(PlannedPhase phase, CancellationToken cancellationToken)
    {
        if (!phase.IsWarmUp)
        {
            MarkMeasuredStart(run.Elapsed);
        }

        metrics?.SetTargetRate(phase.Simulation.IsOpen ? phase.Simulation.RatePerSecond : 0);
        var change = new PhaseChange(run.RunId, scenario, phase.Index, phase.Simulation, phase.IsWarmUp, run.Elapsed.TotalSeconds, run.Time.GetUtcNow());
        try
        {
            await run.OnPhase(change, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            logger.LogWarning(ex, "Phase notification failed");
        }
    }

    /// <summary>Waits until <paramref name="offset"/> from the run start; false when aborted.</summary>
    public async Task<bool> DelayUntilAsync(TimeSpan offset, CancellationToken abort)
    {
        var wait = offset - run.Elapsed;
        if (wait > TimeSpan.Zero)
        {
            try
            {
                await Task.Delay(wait, run.Time, abort).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return false;
            }
        }

        return !abort.IsCancellationRequested;
    }
}
