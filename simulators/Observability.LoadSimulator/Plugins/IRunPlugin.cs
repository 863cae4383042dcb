using Observability.LoadSimulator.Faults;
using Observability.LoadSimulator.Statistics;
using Observability.LoadSimulator.Thresholds;

namespace Observability.LoadSimulator.Plugins;

/// <summary>
/// Hooks into a run: sample extra series (consumer lag, freshness), post annotations, add live-view rows and
/// thresholds. Every member but <see cref="Name"/> has a default so a plugin implements only what it needs.
/// Exceptions from a plugin are logged and never fail the run.
/// </summary>
public interface IRunPlugin
{
    string Name { get; }

    Task StartAsync(RunStartInfo run, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Called when a scenario enters a load-simulation phase (warm-up included).</summary>
    Task OnPhaseAsync(PhaseChange phase, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Called at the end of each reporting interval, with every scenario's interval.</summary>
    Task OnIntervalAsync(double elapsedSeconds, IReadOnlyDictionary<string, IntervalStats> intervals, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Called after the last iteration is accounted for, before reports are written.</summary>
    Task StopAsync(RunResult result, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Series for the reports, read after <see cref="StopAsync"/>.</summary>
    IReadOnlyList<PluginSeries> GetSeries() => [];

    /// <summary>Fault windows for the reports (a fault timeline), read after <see cref="StopAsync"/>.</summary>
    IReadOnlyList<FaultWindow> GetFaultWindows() => [];

    /// <summary>
    /// Run-wide thresholds, e.g. "lag drained within 10 s"; a failure makes the exit code 1. The result already
    /// carries every plugin's series and fault windows.
    /// </summary>
    IReadOnlyList<ThresholdResult> EvaluateThresholds(RunResult result) => [];

    /// <summary>Typed figures for <c>report.json</c>, read after <see cref="StopAsync"/>.</summary>
    IReadOnlyList<RunFigure> GetFigures() => [];

    /// <summary>Extra rows for the live console view (label, value), polled a few times a second.</summary>
    IReadOnlyList<KeyValuePair<string, string>> GetLiveRows() => [];
}
