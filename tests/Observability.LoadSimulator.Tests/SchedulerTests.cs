using System.Collections.Concurrent;
using Observability.LoadSimulator.Scenarios;
using Observability.LoadSimulator.Scheduling;
using Observability.LoadSimulator.Simulations;

namespace Observability.LoadSimulator.Tests;

public sealed class SchedulerTests
{
    private static readonly TimeSpan Second = TimeSpan.FromSeconds(1);

    [Fact]
    public async Task Inject_10_per_second_for_5_seconds_starts_50_iterations_at_0_100_200_ms_and_so_on()
    {
        var time = FakeClock.Create();
        var origin = time.GetUtcNow();
        var starts = new ConcurrentBag<TimeSpan>();
        var scenario = Scenario.Create("inject", ctx =>
        {
            starts.Add(ctx.Time.GetUtcNow() - origin);
            return Task.FromResult(Response.Ok());
        }).WithLoadSimulations(Simulation.Inject(10, Second, TimeSpan.FromSeconds(5)));

        var result = await FakeClock.RunAsync(LoadRunner.RegisterScenarios(scenario), time);

        Assert.Equal(Enumerable.Range(0, 50).Select(i => TimeSpan.FromMilliseconds(100 * i)), starts.Order());
        var counts = result.Scenarios[0].Counts;
        Assert.Equal(50, counts.Intended);
        Assert.Equal(50, counts.Ok);
        Assert.True(counts.AddsUp);
        Assert.True(result.Scenarios[0].Latency.MaxMs <= 0.001, "every start was on time (1 µs is the histogram floor)");
    }

    [Fact]
    public async Task Fractional_rate_of_half_per_second_starts_one_iteration_every_2_seconds()
    {
        var time = FakeClock.Create();
        var origin = time.GetUtcNow();
        var starts = new ConcurrentBag<double>();
        var scenario = Scenario.Create("half", ctx =>
        {
            starts.Add((ctx.Time.GetUtcNow() - origin).TotalSeconds);
            return Task.FromResult(Response.Ok());
        }).WithLoadSimulations(Simulation.Inject(0.5, Second, TimeSpan.FromSeconds(10)));

        var result = await FakeClock.RunAsync(LoadRunner.RegisterScenarios(scenario), time, TimeSpan.FromMilliseconds(100));

        Assert.Equal([0, 2, 4, 6, 8], starts.Order());
        Assert.Equal(5, result.Scenarios[0].Counts.Started);
    }

    [Fact]
    public async Task RampingInject_from_0_to_100_per_second_over_10_seconds_starts_exactly_500()
    {
        var time = FakeClock.Create();
        var scenario = Scenario.Create("ramp", async ctx =>
        {
            await Task.Delay(TimeSpan.FromMilliseconds(20), ctx.Time, ctx.CancellationToken);
            return Response.Ok();
        }).WithLoadSimulations(Simulation.RampingInject(100, Second, TimeSpan.FromSeconds(10)));

        var result = await FakeClock.RunAsync(LoadRunner.RegisterScenarios(scenario), time, TimeSpan.FromMilliseconds(5));

        var s = result.Scenarios[0];
        Assert.Equal(500, s.Counts.Intended);
        Assert.Equal(500, s.Counts.Ok);
        Assert.True(s.Counts.AddsUp);
        // The series asks for the integral too: 10 t per second averaged over each second.
        Assert.Equal(500, s.Intervals.Sum(i => i.Intended));
        Assert.Equal(5, s.Intervals[0].TargetRate, 6);
    }

    [Fact]
    public async Task KeepConstant_keeps_exactly_N_copies_busy_for_the_duration()
    {
        var time = FakeClock.Create();
        var running = 0;
        var maxRunning = 0;
        var copies = new ConcurrentDictionary<int, int>();
        var scenario = Scenario.Create("closed", async ctx =>
        {
            var now = Interlocked.Increment(ref running);
            InterlockedMax(ref maxRunning, now);
            copies.AddOrUpdate(ctx.CopyNumber, 1, (_, n) => n + 1);
            await Task.Delay(TimeSpan.FromMilliseconds(150), ctx.Time, ctx.CancellationToken);
            Interlocked.Decrement(ref running);
            return Response.Ok();
        }).WithLoadSimulations(Simulation.KeepConstant(5, TimeSpan.FromSeconds(2)));

        var result = await FakeClock.RunAsync(LoadRunner.RegisterScenarios(scenario), time);

        Assert.Equal(5, maxRunning);
        Assert.Equal([0, 1, 2, 3, 4], copies.Keys.Order());
        // Each copy starts at 0, 150, ..., 1950 ms: 14 iterations, the last finishing in the drain.
        Assert.All(copies.Values, n => Assert.Equal(14, n));
        var counts = result.Scenarios[0].Counts;
        Assert.Equal(70, counts.Ok);
        Assert.True(counts.AddsUp);
        Assert.Contains(result.Scenarios[0].Intervals, i => i.Copies == 5);
    }

    [Fact]
    public async Task IterationsForConstant_runs_exactly_N_iterations_across_its_copies()
    {
        var time = FakeClock.Create();
        var scenario = Scenario.Create("budget", async ctx =>
        {
            await Task.Delay(TimeSpan.FromMilliseconds(10 + (ctx.CopyNumber * 7)), ctx.Time, ctx.CancellationToken);
            return Response.Ok();
        }).WithLoadSimulations(Simulation.IterationsForConstant(3, 20));

        var result = await FakeClock.RunAsync(LoadRunner.RegisterScenarios(scenario), time, TimeSpan.FromMilliseconds(1));

        Assert.Equal(20, result.Scenarios[0].Counts.Started);
        Assert.Equal(20, result.Scenarios[0].Counts.Ok);
    }

    [Fact]
    public async Task RampingConstant_moves_the_copy_count_linearly()
    {
        var time = FakeClock.Create();
        var scenario = Scenario.Create("ramp-copies", async ctx =>
        {
            await Task.Delay(TimeSpan.FromMilliseconds(100), ctx.Time, ctx.CancellationToken);
            return Response.Ok();
        }).WithLoadSimulations(Simulation.RampingConstant(10, TimeSpan.FromSeconds(10)), Simulation.KeepConstant(10, TimeSpan.FromSeconds(2)));

        var result = await FakeClock.RunAsync(LoadRunner.RegisterScenarios(scenario), time);

        var copies = result.Scenarios[0].Intervals.Select(i => i.Copies).ToList();
        // One more copy every second (at 0.5 s, 1.5 s, ...), then ten held.
        Assert.Equal([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 10], copies.Take(11));
        Assert.True(result.Scenarios[0].Counts.AddsUp);
    }

    [Fact]
    public async Task A_blocking_step_with_a_concurrency_cap_drops_iterations_and_latency_exceeds_service_time()
    {
        var time = FakeClock.Create();
        var scenario = Scenario.Create("blocking", async ctx =>
        {
            await Step.Run("block", ctx, () =>
            {
                // Synchronous work that holds the injector thread for 150 ms: the next starts are late.
                time.Advance(TimeSpan.FromMilliseconds(150));
                return Task.FromResult(Response.Ok());
            });
            return await Step.Run("wait", ctx, async () =>
            {
                await Task.Delay(Second, ctx.Time, ctx.CancellationToken);
                return Response.Ok(sizeBytes: 10);
            });
        }).WithLoadSimulations(Simulation.Inject(10, Second, TimeSpan.FromSeconds(3)));

        var result = await FakeClock.RunAsync(
            LoadRunner.RegisterScenarios(scenario).WithOptions(RunOptions.Default with { MaxConcurrency = 4 }),
            time);

        var s = result.Scenarios[0];
        Assert.Equal(30, s.Counts.Intended);
        Assert.True(s.Counts.Dropped > 0, "expected drops at the concurrency cap");
        Assert.True(s.Counts.AddsUp);
        Assert.True(s.Latency.P99Ms > s.ServiceTime.P99Ms, $"latency p99 {s.Latency.P99Ms} <= service p99 {s.ServiceTime.P99Ms}");
        Assert.True(s.Latency.MeanMs > s.ServiceTime.MeanMs);
        Assert.Equal(["block", "wait"], s.Steps.Select(x => x.Name));
        Assert.Equal(s.Counts.Ok, s.Steps[1].Ok);
        Assert.Equal(150, s.Steps[0].ServiceTime.P50Ms, 0);
        Assert.Equal(10 * s.Counts.Ok, s.BytesTransferred);
    }

    [Fact]
    public async Task In_flight_iterations_at_the_end_are_awaited_and_counted_as_ok()
    {
        var time = FakeClock.Create();
        var scenario = Scenario.Create("slow", async ctx =>
        {
            await Task.Delay(TimeSpan.FromSeconds(5), ctx.Time, ctx.CancellationToken);
            return Response.Ok();
        }).WithLoadSimulations(Simulation.Inject(10, Second, Second));

        var result = await FakeClock.RunAsync(LoadRunner.RegisterScenarios(scenario), time, TimeSpan.FromMilliseconds(50));

        var counts = result.Scenarios[0].Counts;
        Assert.Equal(10, counts.Ok);
        Assert.Equal(0, counts.TimedOut);
        Assert.Equal(10, result.Scenarios[0].Intervals.Sum(i => i.Completed));
    }

    [Fact]
    public async Task In_flight_iterations_past_the_grace_period_are_counted_as_timed_out()
    {
        var time = FakeClock.Create();
        var cancelled = 0;
        var scenario = Scenario.Create("stuck", async ctx =>
        {
            try
            {
                await Task.Delay(TimeSpan.FromMinutes(10), ctx.Time, ctx.CancellationToken);
            }
            catch (OperationCanceledException)
            {
                Interlocked.Increment(ref cancelled);
                throw;
            }

            return Response.Ok();
        }).WithLoadSimulations(Simulation.Inject(10, Second, Second));

        var result = await FakeClock.RunAsync(
            LoadRunner.RegisterScenarios(scenario).WithOptions(RunOptions.Default with { GracePeriod = TimeSpan.FromSeconds(2) }),
            time,
            TimeSpan.FromMilliseconds(50));

        var counts = result.Scenarios[0].Counts;
        Assert.Equal(10, counts.TimedOut);
        Assert.Equal(0, counts.Ok + counts.Fail);
        Assert.True(counts.AddsUp);
        await Observability.Testing.Eventually.UntilAsync(() => Volatile.Read(ref cancelled) == 10, because: "timed-out iterations are cancelled");
        Assert.InRange(result.DurationSeconds, 3, 3.2);
    }

    [Fact]
    public async Task Warm_up_iterations_are_excluded_from_statistics_and_counted_apart()
    {
        var time = FakeClock.Create();
        var scenario = Scenario.Create("warm", ctx => Task.FromResult(ctx.IsWarmUp ? Response.Fail() : Response.Ok()))
            .WithWarmUpDuration(TimeSpan.FromSeconds(2))
            .WithThresholds(new Thresholds.ThresholdOptions { MaxFailPercent = 1 })
            .WithLoadSimulations(Simulation.Inject(10, Second, TimeSpan.FromSeconds(5)));

        var result = await FakeClock.RunAsync(LoadRunner.RegisterScenarios(scenario), time);

        var s = result.Scenarios[0];
        Assert.Equal(20, s.WarmUpCounts.Fail);
        Assert.Equal(50, s.Counts.Ok);
        Assert.Equal(0, s.Counts.Fail);
        Assert.Equal(0, result.ExitCode);
    }

    [Fact]
    public async Task Scenario_random_is_seeded_so_the_same_seed_draws_the_same_numbers()
    {
        async Task<List<int>> DrawAsync(int seed)
        {
            var time = FakeClock.Create();
            var draws = new ConcurrentDictionary<long, int>();
            var scenario = Scenario.Create("random", ctx =>
            {
                draws[ctx.InvocationNumber] = ctx.Random.Next();
                return Task.FromResult(Response.Ok());
            }).WithLoadSimulations(Simulation.Inject(10, Second, Second));
            await FakeClock.RunAsync(LoadRunner.RegisterScenarios(scenario).WithOptions(RunOptions.Default with { Seed = seed }), time);
            return [.. draws.OrderBy(d => d.Key).Select(d => d.Value)];
        }

        Assert.Equal(await DrawAsync(3), await DrawAsync(3));
        Assert.NotEqual(await DrawAsync(3), await DrawAsync(4));
    }

    [Fact]
    public async Task Cancelling_the_run_aborts_with_exit_code_2_and_the_books_still_balance()
    {
        var time = FakeClock.Create();
        using var cancel = new CancellationTokenSource();
        var scenario = Scenario.Create("cancelled", async ctx =>
        {
            if (ctx.InvocationNumber == 20)
            {
                // Synchronous on purpose: CancelAsync would run the callbacks later, while fake time moves on.
                cancel.Cancel();
            }

            await Task.Delay(TimeSpan.FromMilliseconds(500), ctx.Time, ctx.CancellationToken);
            return Response.Ok();
        }).WithLoadSimulations(Simulation.Inject(10, Second, TimeSpan.FromSeconds(10)));

        var result = await Task.Run(async () =>
        {
            var run = LoadRunner.RegisterScenarios(scenario).WithTimeProvider(time).RunAsync(cancel.Token);
            for (var i = 0; i < 10_000 && !run.IsCompleted; i++)
            {
                time.Advance(TimeSpan.FromMilliseconds(10));
                await Task.Yield();
            }

            return await run.WaitAsync(TimeSpan.FromSeconds(20));
        });

        Assert.Equal(2, result.ExitCode);
        Assert.Equal("cancelled by the user", result.AbortReason);
        var counts = result.Scenarios[0].Counts;
        Assert.Equal(20, counts.Intended);
        Assert.True(counts.AddsUp);
        Assert.True(counts.Fail > 0, "in-flight iterations were cancelled");
    }

    private static void InterlockedMax(ref int target, int value)
    {
        int current;
        while (value > (current = Volatile.Read(ref target)) && Interlocked.CompareExchange(ref target, value, current) != current)
        {
        }
    }
}
