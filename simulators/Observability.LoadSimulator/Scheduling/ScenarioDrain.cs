using Observability.LoadSimulator.Metrics;

namespace Observability.LoadSimulator.Scheduling;

/// <summary>
/// After the load: gives the iterations in flight the grace period to complete, then counts the rest as timed
/// out, so intended = started + dropped and started = ok + fail + timed out hold for every run.
/// </summary>
internal static class ScenarioDrain
{
    /// <summary>Returns the scenario's end: when its last iteration completed, or when the grace period ran out.</summary>
    public static async Task<TimeSpan> RunAsync(IterationTracker tracker, RunContext run, ILogger logger, ScenarioMetrics? metrics)
    {
        var drainStart = run.Elapsed;
        var grace = run.Options.GracePeriod;
        var end = drainStart + grace;
        try
        {
            end = await tracker.WhenEmptyAsync().WaitAsync(grace, run.Time, CancellationToken.None).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            logger.LogWarning("{Count} iterations still running after the {Grace} grace period; counted as timed out.", tracker.InFlight, grace);
        }

        tracker.TimeOutRemaining();
        await tracker.CancelRemainingAsync().ConfigureAwait(false);
        metrics?.SetTargetRate(0);
        metrics?.SetCopies(0);
        return end;
    }
}
