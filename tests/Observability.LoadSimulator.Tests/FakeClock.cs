using Microsoft.Extensions.Time.Testing;
using Observability.LoadSimulator.Scheduling;
using Observability.LoadSimulator.Statistics;

namespace Observability.LoadSimulator.Tests;

/// <summary>Drives a run on a fake clock: advance in small steps until the run completes. Real time is never waited on.</summary>
internal static class FakeClock
{
    public static FakeTimeProvider Create() => new(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));

    public static Task<RunResult> RunAsync(LoadRunner runner, FakeTimeProvider time, TimeSpan? step = null, TimeSpan? limit = null) =>
        // Off the xUnit synchronisation context, so timer callbacks and continuations run inline in Advance.
        Task.Run(async () =>
        {
            var tick = step ?? TimeSpan.FromMilliseconds(10);
            var max = limit ?? TimeSpan.FromMinutes(5);
            var run = runner.WithTimeProvider(time).RunAsync(CancellationToken.None);
            var advanced = TimeSpan.Zero;
            while (!run.IsCompleted && advanced < max)
            {
                time.Advance(tick);
                advanced += tick;
                // Let continuations that went to the thread pool catch up before time moves again.
                for (var i = 0; i < 3 && !run.IsCompleted; i++)
                {
                    await Task.Yield();
                }
            }

            // Past the fake limit only bookkeeping that needs no clock can be left; give it real time, bounded.
            return await run.WaitAsync(TimeSpan.FromSeconds(20));
        });
}
