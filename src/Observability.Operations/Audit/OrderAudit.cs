using NATS.Client.JetStream;
using NATS.Client.JetStream.Models;
using Observability.Contracts.Topology;
using Observability.Operations.Scanning;

namespace Observability.Operations.Audit;

/// <summary>
/// The order part of the audit in two bulk reads: every summary (the bucket's stream, last value per key), then every
/// ORDERS message, both partitioned by order id so one worker owns an order's summary and its events.
/// </summary>
internal static class OrderAudit
{
    public static async Task<OrderAuditResult> RunAsync(
        INatsJSContext js, AuditOptions options, IReadOnlySet<ulong> deadLettered, ConsumerBacklog? consumer, CancellationToken cancellationToken)
    {
        var partitions = Math.Max(1, options.Partitions);
        var summaryPrefix = $"$KV.{Buckets.OrderSummaries}.".Length;
        var ledgers = Enumerable.Range(0, partitions)
            .Select(_ => new OrderLedger(options.RunId, deadLettered, consumer))
            .ToArray();

        await StreamScan.RunAsync(
            js,
            $"KV_{Buckets.OrderSummaries}",
            ConsumerConfigDeliverPolicy.LastPerSubject,
            $"$KV.{Buckets.OrderSummaries}.>",
            [.. ledgers.Select(l => (Action<ScannedMessage>)l.AddSummary)],
            m => StreamScan.PartitionOf(m.Subject.AsSpan(summaryPrefix), partitions),
            cancellationToken);

        await StreamScan.RunAsync(
            js,
            Streams.Orders,
            ConsumerConfigDeliverPolicy.All,
            Subjects.OrdersAll,
            [.. ledgers.Select(l => (Action<ScannedMessage>)l.AddEvent)],
            m => StreamScan.PartitionOf(m.Subject.AsSpan(Subjects.OrdersPrefix.Length), partitions),
            cancellationToken);

        var total = new FindingTally(options.MaxExamplesPerKind);
        long orders = 0, ok = 0;
        foreach (var ledger in ledgers)
        {
            var tally = new FindingTally(options.MaxExamplesPerKind);
            var (o, c) = ledger.Classify(tally);
            orders += o;
            ok += c;
            tally.MergeInto(total);
        }

        return new OrderAuditResult
        {
            Orders = orders,
            Checked = ok,
            Messages = ledgers.Sum(l => l.Messages),
            Unreadable = ledgers.Sum(l => l.Unreadable),
            Summaries = ledgers.Sum(l => l.Summaries),
            Findings = total.ToCounts(),
        };
    }
}
