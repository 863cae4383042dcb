using Observability.LoadSimulator.Metrics;
using Observability.LoadSimulator.Plugins;
using Observability.LoadSimulator.Statistics;
using Observability.LoadSimulator.Thresholds;

namespace Observability.LoadSimulator.Scheduling;

/// <summary>
/// Closes an interval of every scenario each <see cref="RunOptions.ReportingInterval"/>, hands them to the
/// plugins, and checks the abort thresholds.
/// </summary>
internal sealed class IntervalTicker(RunContext run, List<ScenarioRunner> runners, PluginSet plugins, LoadSimMetrics? metrics, ILogger logger)
{
    /// <summary>Ticks until <paramref name="stop"/>; returns the start of the interval still open.</summary>
    public async Task<TimeSpan> RunAsync(CancellationTokenSource abort, Action<string> onAbort, CancellationToken stop)
    {
        var from = TimeSpan.Zero;
        var nominal = TimeSpan.Zero;
        while (!stop.IsCancellationRequested)
        {
            nominal += run.Options.ReportingInterval;
            var wait = nominal - run.Elapsed;
            try
            {
                if (wait > TimeSpan.Zero)
                {
                    await Task.Delay(wait, run.Time, stop).ConfigureAwait(false);
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
            await CloseAsync(from, to).ConfigureAwait(false);
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

    public async Task CloseAsync(TimeSpan from, TimeSpan to)
    {
        var intervals = new Dictionary<string, IntervalStats>(StringComparer.Ordinal);
        foreach (var runner in runners)
        {
            intervals[runner.Name] = runner.Stats.CloseInterval(from, to, runner.TargetBetween(from, to), runner.InFlight, runner.Copies);
            metrics?.ForScenario(run.RunId, runner.Name).SetTargetRate(runner.IsFinished ? 0 : runner.TargetRateAt(to));
        }

        await plugins.ForEachAsync(logger, (p, ct) => p.OnIntervalAsync(to.TotalSeconds, intervals, ct), CancellationToken.None).ConfigureAwait(false);
    }
}
