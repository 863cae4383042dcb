using System.Globalization;
using Observability.LoadSimulator.Statistics;

namespace Observability.LoadSimulator.Thresholds;

/// <summary>Checks final and runtime thresholds.</summary>
internal static class ThresholdEvaluator
{
    public static IReadOnlyList<ThresholdResult> Evaluate(ScenarioResult result, ThresholdOptions options, IReadOnlyList<CustomThreshold> custom)
    {
        var results = new List<ThresholdResult>();
        var name = result.Name;
        if (options.MaxLatencyP99Ms is { } latency)
        {
            results.Add(new ThresholdResult(name, $"latency p99 < {F(latency)} ms", result.Latency.P99Ms < latency, F(result.Latency.P99Ms) + " ms"));
        }

        if (options.MaxServiceTimeP99Ms is { } service)
        {
            results.Add(new ThresholdResult(name, $"service time p99 < {F(service)} ms", result.ServiceTime.P99Ms < service, F(result.ServiceTime.P99Ms) + " ms"));
        }

        if (options.MaxFailPercent is { } fail)
        {
            results.Add(new ThresholdResult(name, $"fail % < {F(fail)}", result.Counts.FailPercent < fail, F(result.Counts.FailPercent) + " %"));
        }

        if (options.MaxDroppedPercent is { } dropped)
        {
            results.Add(new ThresholdResult(name, $"dropped % < {F(dropped)}", result.Counts.DroppedPercent < dropped, F(result.Counts.DroppedPercent) + " %"));
        }

        foreach (var threshold in custom)
        {
            bool passed;
            string actual;
            try
            {
                passed = threshold.Check(result);
                actual = passed ? "held" : "broken";
            }
            catch (Exception ex)
            {
                passed = false;
                actual = "error: " + ex.Message;
            }

            results.Add(new ThresholdResult(name, threshold.Name, passed, actual));
        }

        return results;
    }

    /// <summary>Runtime check: a reason to abort, or null.</summary>
    public static string? ShouldAbort(string scenario, IterationCounts counts, ThresholdOptions options)
    {
        if (options.AbortWhenFailPercentAbove is not { } limit)
        {
            return null;
        }

        var completed = counts.Ok + counts.Fail + counts.TimedOut;
        if (completed < options.AbortMinIterations || completed == 0)
        {
            return null;
        }

        var failPercent = 100.0 * (counts.Fail + counts.TimedOut) / completed;
        return failPercent > limit
            ? $"scenario '{scenario}': fail % {F(failPercent)} exceeded the runtime limit {F(limit)} after {completed} iterations"
            : null;
    }

    private static string F(double value) => value.ToString("0.###", CultureInfo.InvariantCulture);
}
