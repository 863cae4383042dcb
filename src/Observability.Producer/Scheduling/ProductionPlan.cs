using Observability.Contracts.Clickstream;
using Observability.Producer.Clickstream;
using Observability.Producer.Orders;
using Observability.Producer.World;

namespace Observability.Producer.Scheduling;

/// <summary>
/// The producer's clock-driven core, free of I/O: two open-model rates (new orders, browsing clicks) and a due queue
/// of lifecycle steps. <see cref="Poll"/> hands out whatever is due; the worker executes it. The sequence of rounds
/// depends only on the seed, the options, the start time and the times polled at, which is what the tests drive with a
/// fake clock.
/// </summary>
internal sealed class ProductionPlan
{
    private readonly RateSchedule _orders;
    private readonly RateSchedule _clicks;
    private readonly DueQueue<DueOrderStep> _steps = new();
    private readonly OrderScriptWriter _scripts;
    private readonly ClickstreamGenerator _clickstream;

    public ProductionPlan(SyntheticWorld world, ProducerOptions options, DateTimeOffset start)
    {
        _orders = new RateSchedule(options.OrdersPerSecond, start, options.Duration);
        _clicks = new RateSchedule(options.ClicksPerSecond, start, options.Duration);
        _scripts = new OrderScriptWriter(world, options);
        _clickstream = new ClickstreamGenerator(world, options);
    }

    public long OrdersStarted => _orders.Issued;

    public long ClicksIssued => _clicks.Issued;

    /// <summary>Lifecycle steps waiting for their time.</summary>
    public int PendingSteps => _steps.Count;

    /// <summary>True when the duration is over and every started lifecycle has run to its end.</summary>
    public bool IsComplete => _orders.IsComplete && _clicks.IsComplete && _steps.Count == 0;

    /// <summary>The earliest time something falls due, or null when nothing will.</summary>
    public DateTimeOffset? NextDue => Min(Min(_orders.NextDue, _clicks.NextDue), _steps.NextDue);

    public ProducerRound Poll(DateTimeOffset now)
    {
        var clicks = new List<(IClickEvent, string)>();

        // New orders: write each script and queue its steps at their planned times (from the intended start, not now,
        // so delays do not stretch when a round runs late).
        var (firstOrder, orderCount) = _orders.TakeDue(now);
        for (var n = firstOrder; n < firstOrder + orderCount; n++)
        {
            var placedAt = _orders.DueAt(n);
            var script = _scripts.Write(n, placedAt);
            var due = placedAt;
            for (var i = 0; i < script.Steps.Count; i++)
            {
                due += script.Steps[i].Delay;
                _steps.Enqueue(new DueOrderStep(script, i, due), due);
            }
        }

        var byOrder = new Dictionary<string, List<DueOrderStep>>(StringComparer.Ordinal);
        var groups = new List<List<DueOrderStep>>();
        while (_steps.TryDequeueDue(now, out var step, out _))
        {
            if (step.StepIndex == 0)
            {
                // The shopping session precedes its placement in the same round.
                clicks.AddRange(step.Script.ShoppingClicks);
            }

            if (!byOrder.TryGetValue(step.Script.OrderId, out var group))
            {
                byOrder[step.Script.OrderId] = group = [];
                groups.Add(group);
            }

            group.Add(step);
        }

        var (firstClick, clickCount) = _clicks.TakeDue(now);
        for (var k = firstClick; k < firstClick + clickCount; k++)
        {
            clicks.Add(_clickstream.Next(_clicks.DueAt(k)));
        }

        return new ProducerRound(groups, clicks);
    }

    private static DateTimeOffset? Min(DateTimeOffset? a, DateTimeOffset? b) =>
        a is null ? b : b is null ? a : a < b ? a : b;
}
