using System.Text.Json;
using Observability.Contracts.Events;
using Observability.Contracts.Orders;
using Observability.Contracts.Topology;
using Observability.Operations.Scanning;
using Observability.Orders.Summaries;

namespace Observability.Operations.Audit;

/// <summary>
/// One partition of the order audit: the summaries of its orders (read first), then the orders' stored messages in
/// stream order, then the verdict per order. Only the partition's worker touches it, so nothing here is locked.
/// </summary>
internal sealed class OrderLedger(string? runId, IReadOnlySet<ulong> deadLettered, ConsumerBacklog? consumer)
{
    /// <summary>Header of a KV delete or purge marker: the key has no value.</summary>
    private const string KvOperation = "KV-Operation";

    private readonly Dictionary<string, OrderAccount> _accounts = new(StringComparer.Ordinal);
    private readonly List<(string Key, string Detail)> _unreadableSummaries = [];

    public long Messages { get; private set; }

    public long Unreadable { get; private set; }

    public long Summaries { get; private set; }

    public static string KeyOf(string kvSubject) => kvSubject[(kvSubject.IndexOf('.', 4) + 1)..];

    /// <summary>One entry of the bucket's underlying stream (the last per key), kept as bytes until needed.</summary>
    public void AddSummary(ScannedMessage message)
    {
        var key = KeyOf(message.Subject);
        if (message.Headers is not null && message.Headers.TryGetValue(KvOperation, out var operation) && operation.ToString() is "DEL" or "PURGE")
        {
            _accounts.Remove(key);
            return;
        }

        Summaries++;
        _accounts[key] = new OrderAccount { OrderId = key, SummaryBytes = message.Data, HasSummary = true };
    }

    /// <summary>One ORDERS message, in stream order within the partition.</summary>
    public void AddEvent(ScannedMessage message)
    {
        Messages++;
        var orderIdSpan = message.Subject.AsSpan(Subjects.OrdersPrefix.Length);
        // Looked up by span: no order-id string per message.
        var lookup = _accounts.GetAlternateLookup<ReadOnlySpan<char>>();
        if (!lookup.TryGetValue(orderIdSpan, out var account))
        {
            account = new OrderAccount { OrderId = orderIdSpan.ToString() };
            _accounts[account.OrderId] = account;
        }

        if (!account.Stored)
        {
            account.Stored = true;
            Open(account.OrderId, account);
        }

        var orderId = account.OrderId;
        var sequence = message.Sequence;
        account.LastSequence = sequence;
        if (runId is not null && !account.InScope && EventReading.RunIdOf(message.Headers) == runId)
        {
            account.InScope = true;
        }

        var read = EventReading.Read(message.Headers, message.Data, orderId);
        var applied = account.HasSummary && account.Applied.Contains(sequence);
        if (applied)
        {
            account.AppliedFound++;
        }

        var isDeadLettered = !applied && (deadLettered.Contains(sequence) || account.RecordedDeadLetters.Contains(sequence));
        var covered = account.HasSummary && sequence <= account.LastAppliedSequence;
        if (read.Event is not IOrderEvent orderEvent)
        {
            Unreadable++;
            if (applied)
            {
                (account.Wrong ??= []).Add((sequence, $"unreadable message applied ({read.Reason}: {read.Detail})"));
            }
            else if (isDeadLettered)
            {
                (account.DeadLettered ??= []).Add(sequence);
            }
            else if (covered)
            {
                // The invariant: everything at or below the position is applied or recorded as dead-lettered.
                (account.Unaccounted ??= []).Add(sequence);
            }
            else
            {
                (account.Beyond ??= []).Add(sequence);
            }

            CompareAt(account, sequence);
            return;
        }

        if (isDeadLettered)
        {
            (account.DeadLettered ??= []).Add(sequence);
            CompareAt(account, sequence);
            return;
        }

        if (covered || applied)
        {
            account.Expected = OrderSummaryFold.Apply(account.Expected, orderEvent, sequence);
            if (!applied)
            {
                (account.Unaccounted ??= []).Add(sequence);
            }
            else if (!covered)
            {
                (account.Wrong ??= []).Add((sequence, $"applied, but beyond the summary's lastAppliedSequence {account.LastAppliedSequence}"));
            }

            CompareAt(account, sequence);
            return;
        }

        (account.Beyond ??= []).Add(sequence);
    }

    /// <summary>The verdict per order; counts into <paramref name="tally"/> and returns (orders audited, orders without failures).</summary>
    public (long Orders, long Checked) Classify(FindingTally tally)
    {
        long orders = 0, ok = 0;
        foreach (var (orderId, account) in _accounts)
        {
            if (!account.Stored)
            {
                // A summary of an order with no message in the store cannot come from a fold of it.
                if (runId is null)
                {
                    orders++;
                    Open(orderId, account);
                    tally.Add(FindingKinds.Wrong, orderId, account.Applied, "summary of an order with no message in ORDERS");
                }

                continue;
            }

            if (runId is not null && !account.InScope)
            {
                continue;
            }

            orders++;
            if (!Classify(orderId, account, tally))
            {
                ok++;
            }
        }

        if (runId is null)
        {
            foreach (var (key, detail) in _unreadableSummaries)
            {
                orders++;
                tally.Add(FindingKinds.Wrong, key, [], detail);
            }
        }

        return (orders, ok);
    }

    /// <summary>Reads the summary bytes and takes the verdicts that need only the summary.</summary>
    private void Open(string orderId, OrderAccount account)
    {
        if (account.SummaryBytes is not { } bytes)
        {
            return;
        }

        account.SummaryBytes = null;
        OrderSummary summary;
        try
        {
            summary = JsonSerializer.Deserialize(bytes, KitJson.Default.OrderSummary) ?? throw new JsonException("null summary");
        }
        catch (JsonException ex)
        {
            account.HasSummary = false;
            _unreadableSummaries.Add((orderId, $"summary is not readable: {ex.Message}"));
            return;
        }

        account.Summary = summary;
        // Plain arrays (no list wrapper, a shared empty one): fewer objects for the GC to trace per order.
        account.Applied = summary.AppliedSequences as ulong[] ?? [.. summary.AppliedSequences];
        account.RecordedDeadLetters = summary.DeadLetteredEvents.Count == 0 ? [] : [.. summary.DeadLetteredEvents.Select(d => d.Sequence)];
        account.LastAppliedSequence = summary.LastAppliedSequence;

        var applied = summary.AppliedSequences;
        var distinct = new HashSet<ulong>(applied);
        account.DistinctApplied = distinct.Count;
        if (distinct.Count < applied.Count)
        {
            var twice = applied.GroupBy(s => s).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
            (account.SummaryFindings ??= []).Add((FindingKinds.AppliedTwice, twice, "sequence(s) listed more than once in appliedSequences"));
        }
        else if (summary.EventCount > applied.Count)
        {
            (account.SummaryFindings ??= []).Add((FindingKinds.AppliedTwice, applied, $"eventCount {summary.EventCount} is above the {applied.Count} event(s) applied"));
        }

        for (var i = 1; i < applied.Count; i++)
        {
            if (applied[i] < applied[i - 1])
            {
                (account.SummaryFindings ??= []).Add((FindingKinds.OutOfOrder, applied, $"applied {applied[i]} after {applied[i - 1]}"));
                break;
            }
        }
    }

    /// <summary>At the summary's position nothing later can be covered: compare now and let the fold and summary go.</summary>
    private static void CompareAt(OrderAccount account, ulong sequence)
    {
        if (account.Summary is { } summary && sequence == account.LastAppliedSequence && !account.Compared)
        {
            account.ContentDifference = SummaryComparison.FirstDifference(summary, account.Expected);
            account.Compared = true;
            account.Expected = null;
            account.Summary = null;
        }
    }

    /// <summary>Returns true when the order has a failing finding.</summary>
    private bool Classify(string orderId, OrderAccount account, FindingTally tally)
    {
        var failed = false;
        void Finding(string kind, IReadOnlyList<ulong> sequences, string detail)
        {
            failed |= FindingKinds.IsFailure(kind);
            tally.Add(kind, orderId, sequences, detail);
        }

        var position = account.HasSummary ? $"the summary is at {account.LastAppliedSequence}" : "there is no summary";
        if (account.Beyond is { Count: > 0 } beyond)
        {
            var pending = beyond.Where(s => consumer is not null && consumer.MayStillProcess(s)).ToList();
            var lost = beyond.Where(s => consumer is null || !consumer.MayStillProcess(s)).ToList();
            if (lost.Count > 0)
            {
                Finding(FindingKinds.Lost, lost, $"{lost.Count} message(s) acked by the consumer but not in the summary: {position}");
            }

            if (pending.Count > 0)
            {
                Finding(FindingKinds.Pending, pending, $"{pending.Count} message(s) not processed yet: {position} and the consumer has lag {consumer!.Lag}");
            }
        }

        if (account.Unaccounted is { Count: > 0 } unaccounted)
        {
            Finding(FindingKinds.Lost, unaccounted, $"at or below the summary's lastAppliedSequence {account.LastAppliedSequence} but neither applied nor dead-lettered");
        }

        if (account.DeadLettered is { Count: > 0 } dead)
        {
            Finding(FindingKinds.DeadLettered, dead, $"{dead.Count} message(s) not applied by design (dead-lettered)");
        }

        if (!account.HasSummary)
        {
            return failed;
        }

        foreach (var (kind, sequences, detail) in account.SummaryFindings ?? [])
        {
            Finding(kind, sequences, detail);
        }

        if (account.Wrong is { Count: > 0 } wrong)
        {
            Finding(FindingKinds.Wrong, [.. wrong.Select(w => w.Sequence)], wrong[0].Detail);
        }

        if (account.DistinctApplied > account.AppliedFound)
        {
            Finding(FindingKinds.Wrong, [.. account.Applied.Distinct().Order()], $"{account.DistinctApplied - account.AppliedFound} applied sequence(s) are not messages of this order");
        }
        else if (account.LastAppliedSequence > account.LastSequence)
        {
            Finding(FindingKinds.Wrong, [account.LastAppliedSequence], $"lastAppliedSequence {account.LastAppliedSequence} is past the order's last message {account.LastSequence}");
        }
        else if ((account.Compared ? account.ContentDifference : SummaryComparison.FirstDifference(account.Summary!, account.Expected)) is { } difference)
        {
            Finding(FindingKinds.Wrong, [account.LastAppliedSequence], $"differs from a fresh fold of the stored events: {difference}");
        }

        return failed;
    }
}
