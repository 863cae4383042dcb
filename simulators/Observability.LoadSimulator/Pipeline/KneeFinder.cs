namespace Observability.LoadSimulator.Pipeline;

/// <summary>
/// Decides whether a find-knee step was sustainable: the consumer kept up (lag did not keep growing across the
/// step) and the publish latency stayed under the limit. The knee is the highest rate before the first step
/// that was not. Pure, so it is tested on synthetic series.
/// </summary>
public static class KneeFinder
{
    /// <summary>
    /// Lag may grow by this many seconds of arrivals over a step before it counts as growth: a consumer pulls in
    /// batches, so a healthy lag saw-tooths by up to a batch or so.
    /// </summary>
    public const double GrowthToleranceSeconds = 0.5;

    /// <summary>...and never less than this many messages, for low rates.</summary>
    public const double MinGrowthTolerance = 200;

    public static KneeVerdict Judge(KneeStep step, double maxP99Ms)
    {
        ArgumentNullException.ThrowIfNull(step);
        if (step.LatencyP99Ms > maxP99Ms)
        {
            return new KneeVerdict(false, $"publish p99 {step.LatencyP99Ms:0.#} ms > {maxP99Ms:0.#} ms");
        }

        var lag = step.Lag;
        if (lag.Count < 2)
        {
            return new KneeVerdict(true, "too few lag samples to see growth");
        }

        var tolerance = Math.Max(MinGrowthTolerance, step.Rate * GrowthToleranceSeconds);
        var growth = lag[^1] - lag[0];
        var half = lag.Count / 2;
        var firstHalf = lag.Take(half).Average();
        var secondHalf = lag.Skip(half).Average();

        // "Keeps growing": up by more than the tolerance over the step and still higher in its second half, so a
        // transient bump that was already draining does not count.
        return growth > tolerance && secondHalf > firstHalf
            ? new KneeVerdict(false, $"lag grew {lag[0]:0} -> {lag[^1]:0} (> {tolerance:0})")
            : new KneeVerdict(true, $"lag {lag[0]:0} -> {lag[^1]:0}");
    }

    /// <summary>The highest rate before the first unsustainable step; null when even the first one was not.</summary>
    public static double? Knee(IReadOnlyList<KneeStep> steps, double maxP99Ms)
    {
        ArgumentNullException.ThrowIfNull(steps);
        double? knee = null;
        foreach (var step in steps)
        {
            if (!Judge(step, maxP99Ms).Sustainable)
            {
                break;
            }

            knee = step.Rate;
        }

        return knee;
    }
}
