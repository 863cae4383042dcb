using System.Globalization;
using NATS.Client.Core;
using NATS.Net;
using Observability.LoadSimulator.Pipeline;
using Observability.LoadSimulator.Plugins;
using Observability.LoadSimulator.Statistics;
using Observability.LoadSimulator.Thresholds;

namespace Observability.LoadSimulator.Faults;

/// <summary>
/// The recovery checks after a fault timeline, as thresholds that set the exit code: lag back to 0 within
/// <see cref="FaultSettings.MaxRecoverySeconds"/> of the last fault's end (from the pipeline plugin's lag series),
/// and, with an auditor, the delivery audit showing 0 lost, 0 doubled and 0 wrong. The CLI adds it after every other
/// plugin, so it runs once the pipeline plugin has waited for the drain.
/// </summary>
public sealed class RecoveryCheckPlugin(FaultTimelinePlugin timeline, IDeliveryAuditor? auditor = null) : IRunPlugin
{
    /// <summary>Ends the name of the lag recovery threshold; the reports' fault sections repeat that row.</summary>
    public const string RecoveryThresholdSuffix = "of the last fault's end";

    private string _runId = string.Empty;
    private DeliveryCounters? _final;
    private DeliveryAuditOutcome? _audit;
    private string? _auditError;

    public string Name => $"recovery({timeline.Scenario})";

    public DeliveryAuditOutcome? Audit => _audit;

    public Task StartAsync(RunStartInfo run, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(run);
        _runId = run.RunId;
        return Task.CompletedTask;
    }

    public async Task StopAsync(RunResult result, CancellationToken cancellationToken)
    {
        var settings = timeline.Settings;
        try
        {
            await using var nats = new NatsClient(LoadSimNats.Options(settings.NatsUrl, "loadsim-recovery"));
            await nats.ConnectAsync();
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(10));
            _final = await DeliveryCounters.ReadAsync(nats.CreateJetStreamContext(), settings.Stream, settings.Consumer, timeout.Token);
        }
        catch (Exception ex) when (ex is NatsException or TimeoutException or OperationCanceledException)
        {
            // Totals are informative; the thresholds below do not depend on them.
        }

        if (auditor is not null && settings.Audit)
        {
            try
            {
                _audit = await auditor.AuditAsync(_runId, cancellationToken);
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                _auditError = ex.Message;
            }
        }
    }

    public IReadOnlyList<ThresholdResult> EvaluateThresholds(RunResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var settings = timeline.Settings;
        var thresholds = new List<ThresholdResult> { Recovery(result, settings) };
        if (auditor is not null && settings.Audit)
        {
            const string name = "delivery audit: 0 lost, 0 doubled, 0 wrong";
            thresholds.Add(_audit is { } audit
                ? new ThresholdResult(timeline.Scenario, name, audit.Clean,
                    Invariant($"{audit.Checked} orders: {audit.Lost} lost, {audit.Doubled} doubled, {audit.Wrong} wrong{(audit.Detail.Length > 0 ? "; " + audit.Detail : string.Empty)}"))
                : new ThresholdResult(timeline.Scenario, name, false, "audit failed: " + (_auditError ?? "did not run")));
        }

        return thresholds;
    }

    private ThresholdResult Recovery(RunResult result, FaultSettings settings)
    {
        var name = Invariant($"{settings.Consumer} lag back to 0 within {settings.MaxRecoverySeconds:0.#} s {RecoveryThresholdSuffix}");
        var windows = timeline.Windows;
        var ended = windows.Where(w => w.EndSeconds is not null).ToList();
        if (ended.Count == 0)
        {
            return new ThresholdResult(timeline.Scenario, name, false, "no fault window ended");
        }

        var lastEnd = ended.Max(w => w.EndSeconds!.Value);
        var totals = Totals();
        var seriesName = LagRecovery.SeriesName(settings.Consumer);
        if (result.PluginSeries.FirstOrDefault(s => s.Name == seriesName) is not { } lag)
        {
            return new ThresholdResult(timeline.Scenario, name, false, $"no series '{seriesName}': the scenario needs a pipeline plugin watching {settings.Consumer}");
        }

        var peak = lag.Points.Where(p => p.Seconds >= windows.Min(w => w.StartSeconds ?? double.MaxValue)).Select(p => p.Value).DefaultIfEmpty(0).Max();
        if (LagRecovery.SecondsToZero(lag.Points, lastEnd) is { } seconds)
        {
            return new ThresholdResult(timeline.Scenario, name, seconds <= settings.MaxRecoverySeconds,
                Invariant($"recovered {seconds:0.0} s after the last fault ended at {lastEnd:0.0} s (lag peak {peak:0}){totals}"));
        }

        var last = lag.Points.Count > 0 ? lag.Points[^1] : default;
        return new ThresholdResult(timeline.Scenario, name, false,
            Invariant($"not recovered: lag {last.Value:0} at {last.Seconds:0.0} s, last fault ended at {lastEnd:0.0} s (lag peak {peak:0}){totals}"));
    }

    private string Totals() =>
        timeline.CountersAtStart is { } start && _final is { } end
            ? Invariant($"; {end.RedeliveriesSince(start)} redeliveries, {end.DeadLettersSince(start)} dead letters in the run")
            : string.Empty;

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
