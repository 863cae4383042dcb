using NATS.Client.JetStream;
using NATS.Client.JetStream.Models;
using Observability.Contracts.Clickstream;
using Observability.Contracts.Topology;
using Observability.Operations.Scanning;

namespace Observability.Operations.Audit;

/// <summary>
/// Each engagement window against the CLICKSTREAM events of its minute: every readable event counted once (its
/// sequence in the window's counted ranges, or dead-lettered, or still in flight), and the counts per kind equal to
/// the events counted. CLICKSTREAM is bounded by age and size, so a window that counted events no longer stored is
/// reported as not checkable rather than guessed at.
/// </summary>
internal static class EngagementAudit
{
    public static async Task<EngagementAuditResult> RunAsync(
        INatsJSContext js, AuditOptions options, IReadOnlySet<ulong> deadLettered, ConsumerBacklog? consumer, CancellationToken cancellationToken)
    {
        var windows = new Dictionary<string, EngagementWindowRecord>(StringComparer.Ordinal);
        var unreadableWindows = new List<string>();
        await StreamScan.RunAsync(js, $"KV_{Buckets.EngagementWindows}", ConsumerConfigDeliverPolicy.LastPerSubject, $"$KV.{Buckets.EngagementWindows}.>", [m =>
        {
            var key = OrderLedger.KeyOf(m.Subject);
            if (m.Headers is not null && m.Headers.TryGetValue("KV-Operation", out _))
            {
                windows.Remove(key);
            }
            else if (ClickTally.ReadWindow(m) is { } window)
            {
                windows[key] = window;
            }
            else
            {
                unreadableWindows.Add(key);
            }
        }], _ => 0, cancellationToken);

        var partitions = Math.Max(1, options.Partitions);
        var tallies = Enumerable.Range(0, partitions).Select(_ => new ClickTally(options.RunId)).ToArray();
        var firstStored = (await js.GetStreamAsync(Streams.Clickstream, cancellationToken: cancellationToken)).Info.State.FirstSeq;
        await StreamScan.RunAsync(js, Streams.Clickstream, ConsumerConfigDeliverPolicy.All, Subjects.ClickstreamAll,
            [.. tallies.Select(t => (Action<ScannedMessage>)t.Add)], m => (int)(m.Sequence % (ulong)partitions), cancellationToken);

        var events = new Dictionary<string, List<CountedClick>>(StringComparer.Ordinal);
        foreach (var tally in tallies)
        {
            foreach (var (key, clicks) in tally.ByWindow)
            {
                if (!events.TryGetValue(key, out var list))
                {
                    events[key] = list = [];
                }

                list.AddRange(clicks);
            }
        }

        var findings = new FindingTally(options.MaxExamplesPerKind);
        var notes = new List<string>();
        long audited = 0, ok = 0, agedOut = 0;
        foreach (var key in windows.Keys.Union(events.Keys, StringComparer.Ordinal).Order(StringComparer.Ordinal))
        {
            var clicks = events.GetValueOrDefault(key) ?? [];
            if (options.RunId is not null && !clicks.Any(c => c.InRun))
            {
                continue;
            }

            audited++;
            var window = windows.GetValueOrDefault(key);
            if (window is not null && window.Applied.Any(r => r.From < firstStored))
            {
                agedOut++;
                findings.Add(FindingKinds.AgedOut, key, [], $"counted events from sequence {window.Applied[0].From}, but CLICKSTREAM keeps only from {firstStored}: not checkable");
                continue;
            }

            if (!CheckWindow(key, window, clicks, options.RunId is not null, deadLettered, consumer, findings))
            {
                ok++;
            }
        }

        foreach (var key in unreadableWindows)
        {
            audited++;
            findings.Add(FindingKinds.Wrong, key, [], "window value is not readable");
        }

        if (agedOut > 0)
        {
            notes.Add($"{agedOut} window(s) counted events that have aged out of CLICKSTREAM (first stored sequence {firstStored}); their counts cannot be checked.");
        }

        if (options.RunId is not null)
        {
            notes.Add("With a run id only the run's events are checked (counted once, or dead-lettered, or in flight); windows also count other traffic, so totals are not compared.");
        }

        return new EngagementAuditResult
        {
            Windows = audited,
            Checked = ok,
            Messages = tallies.Sum(t => t.Messages),
            Unreadable = tallies.Sum(t => t.UnreadableSequences.Count),
            FirstStoredSequence = firstStored,
            Findings = findings.ToCounts(),
            Notes = notes,
        };
    }

    /// <summary>Returns true when the window has a failing finding.</summary>
    private static bool CheckWindow(
        string key, EngagementWindowRecord? window, List<CountedClick> clicks, bool runOnly, IReadOnlySet<ulong> deadLettered, ConsumerBacklog? consumer, FindingTally findings)
    {
        var failed = false;
        void Finding(string kind, IReadOnlyList<ulong> sequences, string detail)
        {
            failed |= FindingKinds.IsFailure(kind);
            findings.Add(kind, key, sequences, detail);
        }

        var ranges = window?.Applied ?? [];
        var counted = new List<CountedClick>(clicks.Count);
        var lost = new List<ulong>();
        var pending = new List<ulong>();
        var dead = new List<ulong>();
        foreach (var click in clicks)
        {
            if (Contains(ranges, click.Sequence))
            {
                counted.Add(click);
            }
            else if (runOnly && !click.InRun)
            {
                continue;
            }
            else if (deadLettered.Contains(click.Sequence))
            {
                dead.Add(click.Sequence);
            }
            else if (consumer is not null && consumer.MayStillProcess(click.Sequence))
            {
                pending.Add(click.Sequence);
            }
            else
            {
                lost.Add(click.Sequence);
            }
        }

        if (lost.Count > 0)
        {
            Finding(FindingKinds.Lost, lost, window is null ? $"{lost.Count} event(s) of this minute and no window" : $"{lost.Count} event(s) of this minute not counted");
        }

        if (pending.Count > 0)
        {
            Finding(FindingKinds.Pending, pending, $"{pending.Count} event(s) not processed yet (consumer lag {consumer!.Lag})");
        }

        if (dead.Count > 0)
        {
            Finding(FindingKinds.DeadLettered, dead, $"{dead.Count} event(s) dead-lettered");
        }

        if (window is null || runOnly)
        {
            return failed;
        }

        var countedTotal = ranges.Aggregate(0UL, (sum, r) => sum + (r.To - r.From + 1));
        if (countedTotal > (ulong)counted.Count)
        {
            Finding(FindingKinds.Wrong, [.. ranges.Select(r => r.From)], $"counted {countedTotal - (ulong)counted.Count} sequence(s) that are not readable events of this minute");
        }

        foreach (var (kind, stored) in new[]
        {
            (ClickKinds.PageViewed, window.PageViews),
            (ClickKinds.ProductViewed, window.ProductViews),
            (ClickKinds.AddedToCart, window.AddsToCart),
            (ClickKinds.Searched, window.Searches),
        })
        {
            var expected = counted.Count(c => c.Kind == kind);
            if (stored > expected)
            {
                Finding(FindingKinds.AppliedTwice, [], $"{kind}: {stored} counted, {expected} event(s) applied");
            }
            else if (stored < expected)
            {
                Finding(FindingKinds.Wrong, [], $"{kind}: {stored} counted, {expected} event(s) applied");
            }
        }

        return failed;
    }

    private static bool Contains(List<CountedRange> ranges, ulong sequence)
    {
        int lo = 0, hi = ranges.Count - 1;
        while (lo <= hi)
        {
            var mid = (lo + hi) >>> 1;
            if (sequence < ranges[mid].From)
            {
                hi = mid - 1;
            }
            else if (sequence > ranges[mid].To)
            {
                lo = mid + 1;
            }
            else
            {
                return true;
            }
        }

        return false;
    }
}
