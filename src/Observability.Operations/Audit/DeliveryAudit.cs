using System.Diagnostics;
using NATS.Client.JetStream;
using Observability.Contracts.Topology;
using Observability.Messaging.Consuming;
using Observability.Messaging.DeadLetters;
using Observability.Orders.Summaries;

namespace Observability.Operations.Audit;

/// <summary>
/// Checks end to end that every stored event reached its read model exactly once and in order: each order summary
/// against a fresh fold (<see cref="OrderSummaryFold"/>) of the order's stored events, and each
/// engagement window against the CLICKSTREAM events of its minute. Everything is read in bulk (ordered consumers
/// over the streams and the buckets' streams), never key by key, so a million orders take seconds.
/// </summary>
public sealed class DeliveryAudit(INatsJSContext js, TimeProvider? time = null)
{
    private static readonly DurableName OrderSummaryDurable = new(Streams.Orders, Consumers.OrderSummary);
    private static readonly DurableName EngagementDurable = new(Streams.Clickstream, Consumers.Engagement);

    private readonly TimeProvider _time = time ?? TimeProvider.System;

    public async Task<AuditReport> RunAsync(AuditOptions options, CancellationToken cancellationToken)
    {
        var startedAt = _time.GetUtcNow();
        var stopwatch = Stopwatch.StartNew();

        // Backlogs first: whatever the consumers acked before this point is in the read models read after it.
        DurableName[] durables = options.Engagement ? [OrderSummaryDurable, EngagementDurable] : [OrderSummaryDurable];
        var backlogs = await BacklogProbe.WaitAsync(js, durables, options.Wait, _time, cancellationToken);
        var deadLetters = await new DeadLetterReader(js).ListAsync(cancellationToken: cancellationToken);

        var orders = await OrderAudit.RunAsync(
            js, options, DeadLetteredSequences(deadLetters, OrderSummaryDurable), backlogs.FirstOrDefault(b => b.Consumer == OrderSummaryDurable.Consumer), cancellationToken);
        var engagement = options.Engagement
            ? await EngagementAudit.RunAsync(
                js, options, DeadLetteredSequences(deadLetters, EngagementDurable), backlogs.FirstOrDefault(b => b.Consumer == EngagementDurable.Consumer), cancellationToken)
            : null;

        return new AuditReport
        {
            StartedAt = startedAt,
            Duration = stopwatch.Elapsed,
            RunId = options.RunId,
            Orders = orders,
            Engagement = engagement,
            InFlight = [.. backlogs.Where(b => b.Lag > 0)],
        };
    }

    private static HashSet<ulong> DeadLetteredSequences(IReadOnlyList<DeadLetter> deadLetters, DurableName durable) =>
        [.. deadLetters.Where(d => d.Source.Stream == durable.Stream && d.Source.Consumer == durable.Consumer).Select(d => d.Source.Sequence)];
}
