using Observability.LoadSimulator.Scenarios;
using Observability.LoadSimulator.Simulations;
using Observability.LoadSimulator.Statistics;

namespace Observability.LoadSimulator.Scheduling;

/// <summary>
/// Benchmark hook: runs a no-op scenario at a fixed inject rate on real time and reports generator_accuracy,
/// so the rate at which this machine stops keeping up is measured rather than assumed.
/// </summary>
public static class GeneratorAccuracy
{
    public static async Task<AccuracyResult> MeasureAsync(double rate, TimeSpan duration, int maxConcurrency, CancellationToken cancellationToken)
    {
        var lag = new LatencyRecorder();
        var time = TimeProvider.System;
        long lastStart = 0;
        long origin = 0;
        var scenario = Scenario.Create("accuracy", ctx =>
        {
            if (ctx.IsWarmUp)
            {
                return Task.FromResult(Response.Ok());
            }

            lag.Record(ctx.StartDelay);
            var now = ctx.Time.GetTimestamp();
            // The measured pass starts where the first measured iteration was meant to start.
            Interlocked.CompareExchange(ref origin, now - (long)(ctx.StartDelay.TotalSeconds * ctx.Time.TimestampFrequency), 0);
            long seen;
            while (now > (seen = Interlocked.Read(ref lastStart)) && Interlocked.CompareExchange(ref lastStart, now, seen) != seen)
            {
            }

            return Task.FromResult(Response.Ok());
        })
        .WithWarmUpDuration(TimeSpan.FromSeconds(1))
        .WithLoadSimulations(Simulation.Inject(rate, TimeSpan.FromSeconds(1), duration));

        var runner = LoadRunner.RegisterScenarios(scenario).WithOptions(RunOptions.Default with
        {
            RunId = "accuracy",
            MaxConcurrency = maxConcurrency,
            GracePeriod = TimeSpan.FromSeconds(5),
        });
        var result = await runner.RunAsync(cancellationToken);
        var s = result.Scenarios[0];
        var window = time.GetElapsedTime(origin, Interlocked.Read(ref lastStart)).TotalSeconds + (1 / rate);
        // Whole seconds of the measured pass only (the warm-up second and the drain tail are not the generator at rate).
        var measuredEnd = s.WarmUpSeconds + duration.TotalSeconds;
        var fullIntervals = s.Intervals
            .Where(i => i.StartSeconds >= s.WarmUpSeconds - 0.05 && i.EndSeconds <= measuredEnd + 0.05 && i.EndSeconds - i.StartSeconds >= 0.9)
            .ToList();
        var stats = lag.Snapshot();
        return new AccuracyResult(
            rate,
            s.Counts.Intended,
            s.Counts.Started,
            s.Counts.Dropped,
            s.Counts.Started / Math.Max(window, duration.TotalSeconds),
            fullIntervals.Count == 0 ? 0 : fullIntervals.Min(i => i.AchievedRate / i.TargetRate),
            stats.P50Ms,
            stats.P99Ms,
            stats.MaxMs);
    }
}
