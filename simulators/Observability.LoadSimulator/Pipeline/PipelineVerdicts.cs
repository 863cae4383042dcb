using System.Globalization;
using Observability.LoadSimulator.Plugins;
using Observability.LoadSimulator.Thresholds;

namespace Observability.LoadSimulator.Pipeline;

/// <summary>What a <see cref="PipelinePlugin"/> saw, said three ways: thresholds (prose for people), typed figures (for scripts) and live rows.</summary>
internal sealed class PipelineVerdicts(
    PipelinePlugin plugin,
    PipelineSettings settings,
    string scenario,
    string consumer,
    LagSampler lag,
    FreshnessProbe freshness,
    KneeJudge? knee,
    DrainOutcome drain)
{
    public IReadOnlyList<ThresholdResult> Thresholds()
    {
        var drainName = Invariant($"{consumer} lag drained within {settings.MaxDrainSeconds:0.#} s");
        var thresholds = new List<ThresholdResult>
        {
            !lag.Seen
                ? new ThresholdResult(scenario, drainName, false, $"consumer {plugin.Stream}/{consumer} not readable")
                : drain.Seconds is { } seconds
                    ? new ThresholdResult(scenario, drainName, seconds <= settings.MaxDrainSeconds, Invariant($"{seconds:0.0} s (lag peak {lag.Peak:0})"))
                    : new ThresholdResult(scenario, drainName, false, Invariant($"not drained after {drain.Waited:0} s (lag {lag.Last:0}, peak {lag.Peak:0})")),
        };

        if (plugin.MeasuresFreshness)
        {
            var fresh = freshness.Snapshot();
            var skipped = freshness.Skipped;
            thresholds.Add(new ThresholdResult(scenario, $"freshness measured (1 in {settings.SampleEvery} orders)", fresh.Count > 0,
                Invariant($"p50 {fresh.P50Ms:0.0} / p95 {fresh.P95Ms:0.0} / p99 {fresh.P99Ms:0.0} / max {fresh.MaxMs:0.0} ms, n={fresh.Count}{(skipped > 0 ? $", {skipped} skipped" : string.Empty)}")));
        }

        if (knee is not null)
        {
            thresholds.Add(new ThresholdResult(scenario, "find-knee: highest sustainable rate", knee.Rate is not null,
                Invariant($"knee {knee.Rate ?? 0:0}/s, replicas {ReplicaCounter.Describe(plugin.Replicas, settings.ConfiguredReplicas is not null)}; {knee.Reason}")));
        }

        return thresholds;
    }

    public IReadOnlyList<RunFigure> Figures()
    {
        var figures = new List<RunFigure>
        {
            new(scenario, "lag_peak", lag.Seen ? lag.Peak : null, "{message}"),
            new(scenario, "drain_s", drain.Seconds, "s"),
            new(scenario, "replicas", plugin.Replicas, "{replica}"),
        };
        if (plugin.MeasuresFreshness)
        {
            var fresh = freshness.Snapshot();
            double? Ms(double value) => fresh.Count > 0 ? value : null;
            figures.Add(new(scenario, "freshness_p50_ms", Ms(fresh.P50Ms), "ms"));
            figures.Add(new(scenario, "freshness_p95_ms", Ms(fresh.P95Ms), "ms"));
            figures.Add(new(scenario, "freshness_p99_ms", Ms(fresh.P99Ms), "ms"));
            figures.Add(new(scenario, "freshness_samples", fresh.Count, "{sample}"));
        }

        if (knee is not null)
        {
            figures.Add(new(scenario, "knee_rate_per_s", knee.Rate, "{message}/s"));
        }

        return figures;
    }

    public IReadOnlyList<KeyValuePair<string, string>> LiveRows()
    {
        var rows = new List<KeyValuePair<string, string>>
        {
            new($"lag {consumer}", double.IsNaN(lag.Last) ? "-" : Invariant($"{lag.Last:0} (peak {lag.Peak:0})")),
        };
        if (plugin.MeasuresFreshness)
        {
            var fresh = freshness.Snapshot();
            rows.Add(new("freshness", fresh.Count == 0 ? "-" : Invariant($"p50 {fresh.P50Ms:0.0} p99 {fresh.P99Ms:0.0} ms (n={fresh.Count})")));
        }

        if (knee is not null)
        {
            rows.Add(new("knee", knee.PastKnee ? Invariant($"{knee.Rate ?? 0:0}/s ({knee.Reason})") : "searching"));
        }

        return rows;
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
