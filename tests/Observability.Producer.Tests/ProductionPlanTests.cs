using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Time.Testing;
using Observability.Contracts.Events;
using Observability.Orders.Domain;
using Observability.Producer.Orders;
using Observability.Producer.Scheduling;
using Observability.Producer.World;

namespace Observability.Producer.Tests;

/// <summary>The producer's clock-driven core, driven by a fake clock: no broker, no wall clock.</summary>
public sealed class ProductionPlanTests
{
    private static readonly DateTimeOffset Start = new(2026, 1, 1, 12, 0, 0, TimeSpan.Zero);

    private static ProducerOptions Options(int seed) => ProducerOptions.Default with
    {
        Seed = seed,
        OrdersPerSecond = 4,
        ClicksPerSecond = 40,
        Duration = TimeSpan.FromSeconds(30),
    };

    /// <summary>Every command and click of a run, as text: ids, types, payloads and due times.</summary>
    private static List<string> Generate(ProducerOptions options, TimeSpan step)
    {
        var clock = new FakeTimeProvider(Start);
        var plan = new ProductionPlan(SyntheticWorld.Create(options.Seed!.Value, options.Customers, options.Products), options, clock.GetUtcNow());
        var lines = new List<string>();
        while (!plan.IsComplete)
        {
            var round = plan.Poll(clock.GetUtcNow());
            foreach (var due in round.StepsByOrder.SelectMany(g => g))
            {
                lines.Add($"{due.Due:O} {due.Step.EventId} {Describe(due.Step.Command)}");
            }

            foreach (var (e, id) in round.Clicks)
            {
                lines.Add($"{id} {EventCatalog.Of(e).Name} {System.Text.Encoding.UTF8.GetString(EventCatalog.Serialize(e))}");
            }

            clock.Advance(step);
        }

        return lines;
    }

    private static string Describe(object command) => command switch
    {
        PlaceOrder p => $"{p} lines=[{string.Join(";", p.Lines)}]",
        _ => command.ToString()!,
    };

    [Fact]
    public void The_same_seed_generates_the_identical_sequence_of_commands_and_events()
    {
        var first = Generate(Options(7), TimeSpan.FromMilliseconds(50));
        var second = Generate(Options(7), TimeSpan.FromMilliseconds(50));

        Assert.True(first.Count > 1000, $"only {first.Count} items");
        Assert.Equal(first, second);
    }

    [Fact]
    public void A_different_seed_generates_a_different_sequence()
    {
        var a = Generate(Options(7), TimeSpan.FromMilliseconds(50));
        var b = Generate(Options(8), TimeSpan.FromMilliseconds(50));

        Assert.NotEqual(a.Take(200), b.Take(200));
        Assert.Contains(a, l => l.Contains("ord-7-0-", StringComparison.Ordinal));
        Assert.Contains(b, l => l.Contains("ord-8-0-", StringComparison.Ordinal));
    }

    [Fact]
    public void How_often_the_clock_is_polled_changes_the_batching_but_not_the_content()
    {
        // Ten rounds a second or one every 700 ms: the same commands and clicks, with the same intended times.
        static IEnumerable<string> Sorted(List<string> lines) => lines.Order(StringComparer.Ordinal);

        var fine = Generate(Options(11), TimeSpan.FromMilliseconds(100));
        var coarse = Generate(Options(11), TimeSpan.FromMilliseconds(700));

        Assert.Equal(Sorted(fine), Sorted(coarse));
    }

    [Theory]
    [InlineData(5.0, 10.0, 50)]
    [InlineData(0.3, 10.0, 3)]
    [InlineData(2.5, 7.0, 18)]
    [InlineData(0.0, 10.0, 0)]
    public void The_rate_schedule_issues_the_intended_count_for_a_duration(double perSecond, double seconds, long expected)
    {
        var clock = new FakeTimeProvider(Start);
        var schedule = new RateSchedule(perSecond, clock.GetUtcNow(), TimeSpan.FromSeconds(seconds));
        long issued = 0;
        // Irregular polling, then long past the end: the count depends on the duration only.
        for (var i = 0; i < 400; i++)
        {
            clock.Advance(TimeSpan.FromMilliseconds(13 + (i % 7 * 11)));
            issued += schedule.TakeDue(clock.GetUtcNow()).Count;
        }

        Assert.Equal(expected, issued);
        Assert.Equal(expected, schedule.Total);
        Assert.True(schedule.IsComplete);
    }

    [Fact]
    public void The_plan_places_rate_times_duration_orders_and_runs_every_lifecycle_to_its_end()
    {
        var options = Options(3) with { OrdersPerSecond = 2.5, ClicksPerSecond = 12.5, Duration = TimeSpan.FromSeconds(20) };
        var clock = new FakeTimeProvider(Start);
        var plan = new ProductionPlan(SyntheticWorld.Create(3, options.Customers, options.Products), options, clock.GetUtcNow());
        var steps = new List<DueOrderStep>();
        var browsingClicks = 0;
        var halfway = 0L;
        while (!plan.IsComplete)
        {
            var round = plan.Poll(clock.GetUtcNow());
            steps.AddRange(round.StepsByOrder.SelectMany(g => g));
            browsingClicks += round.Clicks.Count(c => c.EventId.StartsWith("clk-", StringComparison.Ordinal));
            Assert.All(round.StepsByOrder.SelectMany(g => g), s => Assert.True(s.Due <= clock.GetUtcNow()));
            if (clock.GetUtcNow() == Start + TimeSpan.FromSeconds(10))
            {
                halfway = plan.OrdersStarted;
            }

            clock.Advance(TimeSpan.FromMilliseconds(20));
        }

        Assert.Equal(50, steps.Count(s => s.Step.Kind == OrderStepKind.Place));
        Assert.Equal(250, browsingClicks);
        Assert.InRange(halfway, 25, 26);
        // Every order ends in shipped, cancelled or abandoned-after-decline; never more than 4 steps.
        Assert.All(steps.GroupBy(s => s.Script.OrderId), g => Assert.InRange(g.Count(), 2, 4));
        // The last step lands at most 3 x MaxStepDelay after the last placement.
        Assert.True(clock.GetUtcNow() <= Start + options.Duration + (3 * options.MaxStepDelay) + TimeSpan.FromMilliseconds(40));
    }

    [Fact]
    public void The_lifecycle_mix_follows_the_configured_ratios()
    {
        var options = ProducerOptions.Default with { Seed = 5 };
        var writer = new OrderScriptWriter(SyntheticWorld.Create(5, options.Customers, options.Products), options);
        var scripts = Enumerable.Range(0, 4000).Select(n => writer.Write(n, Start)).ToList();

        var declinedFirst = scripts.Count(s => s.Steps[1].Kind == OrderStepKind.DeclinePayment) / 4000.0;
        var authorized = scripts.Where(s => s.Steps.Any(x => x.Kind == OrderStepKind.AuthorizePayment)).ToList();
        var shipped = authorized.Count(s => s.Steps[^1].Kind == OrderStepKind.Ship) / (double)authorized.Count;
        var retried = scripts.Count(s => s.Steps.Count > 2 && s.Steps[1].Kind == OrderStepKind.DeclinePayment && s.Steps[2].Kind == OrderStepKind.AuthorizePayment);

        Assert.InRange(declinedFirst, 0.12, 0.18);
        Assert.InRange(shipped, 0.87, 0.93);
        Assert.True(retried > 0);
        Assert.All(scripts, s => Assert.Equal(OrderStepKind.Place, s.Steps[0].Kind));
        Assert.All(scripts.SelectMany(s => s.Steps.Skip(1)), x => Assert.InRange(x.Delay, options.MinStepDelay, options.MaxStepDelay));
    }

    [Fact]
    public void The_due_queue_hands_out_items_by_due_time_and_ties_in_insertion_order()
    {
        var queue = new DueQueue<string>();
        queue.Enqueue("c", Start.AddSeconds(3));
        queue.Enqueue("a1", Start.AddSeconds(1));
        queue.Enqueue("a2", Start.AddSeconds(1));
        queue.Enqueue("b", Start.AddSeconds(2));

        var taken = new List<string>();
        while (queue.TryDequeueDue(Start.AddSeconds(2), out var item, out _))
        {
            taken.Add(item);
        }

        Assert.Equal(["a1", "a2", "b"], taken);
        Assert.Equal(Start.AddSeconds(3), queue.NextDue);
    }

    [Theory]
    [InlineData("30", 30)]
    [InlineData("90s", 90)]
    [InlineData("5m", 300)]
    [InlineData("1h", 3600)]
    [InlineData("00:02:00", 120)]
    [InlineData("1.5", 1.5)]
    public void Duration_reads_seconds_units_and_timespans(string raw, double seconds) =>
        Assert.Equal(TimeSpan.FromSeconds(seconds), ProducerServiceCollectionExtensions.ParseDuration(raw));

    [Fact]
    public void Options_come_from_the_Producer_section_with_a_fresh_seed_when_none_is_given()
    {
        var section = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["OrdersPerSecond"] = "0.5",
            ["Duration"] = "2m",
            ["RunId"] = "run-1",
        }).Build();

        var options = ProducerServiceCollectionExtensions.ReadOptions(section);

        Assert.Equal(0.5, options.OrdersPerSecond);
        Assert.Equal(TimeSpan.FromMinutes(2), options.Duration);
        Assert.Equal("run-1", options.RunId);
        Assert.NotNull(options.Seed);
        Assert.Equal(ProducerOptions.Default.ClicksPerSecond, options.ClicksPerSecond);
    }

    [Theory]
    [InlineData("OrderPerSecond", "5")]
    [InlineData("OrdersPerSecond", "-1")]
    [InlineData("AuthorizeRatio", "1.5")]
    [InlineData("Seed", "-3")]
    public void A_typo_or_an_out_of_range_value_fails_at_start_up(string key, string value)
    {
        var section = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { [key] = value }).Build();

        var error = Record.Exception(() => ProducerServiceCollectionExtensions.ReadOptions(section));

        Assert.True(error is ArgumentException or InvalidOperationException, error?.GetType().Name ?? "no exception");
    }
}
