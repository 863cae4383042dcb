using Observability.LoadSimulator.Simulations;
using Observability.LoadSimulator.Statistics;
using Observability.LoadSimulator.Thresholds;

namespace Observability.LoadSimulator.Scheduling;

/// <summary>One scenario's result from its runner: counts and latency of the measured pass, with its thresholds judged.</summary>
internal static class ScenarioSummary
{
    public static ScenarioResult Of(ScenarioRunner runner, TimeSpan now)
    {
        var measuredStart = runner.MeasuredStart ?? TimeSpan.Zero;
        var seconds = Math.Max(((runner.End ?? now) - measuredStart).TotalSeconds, 0);
        var counts = runner.Stats.Measured.Snapshot();
        var result = new ScenarioResult
        {
            Name = runner.Name,
            Model = runner.Plan.Model == LoadModel.Open ? "open" : "closed",
            LoadSimulations = [.. runner.Props.LoadSimulations.Select(s => s.ToString())],
            WarmUpSeconds = runner.Plan.WarmUp.TotalSeconds,
            DurationSeconds = seconds,
            Counts = counts,
            WarmUpCounts = runner.Stats.WarmUp.Snapshot(),
            Latency = runner.Stats.Latency(),
            ServiceTime = runner.Stats.ServiceTime(),
            Rps = seconds > 0 ? counts.Ok / seconds : 0,
            BytesTransferred = runner.Stats.Measured.Bytes,
            StatusCodes = runner.Stats.StatusCodes(),
            Steps = runner.Stats.Steps(),
            Intervals = runner.Stats.Intervals(),
        };
        return result with { Thresholds = ThresholdEvaluator.Evaluate(result, runner.Props.Thresholds, runner.Props.CustomThresholds) };
    }
}
