using System.Globalization;
using NATS.Client.JetStream;
using NATS.Client.KeyValueStore;
using Observability.Contracts.Clickstream;
using Observability.Contracts.Topology;
using Observability.Messaging.Consuming;
using Observability.Messaging.Projections;
using Observability.Processors.Analytics;

namespace Observability.Processors.Engagement;

/// <summary>
/// CLICKSTREAM -> per-minute tumbling windows by event time in <c>engagement-windows</c>: views per product, distinct
/// sessions, add-to-cart counts, searches. A micro-batch is folded into one compare-and-set write per window and its
/// messages are acked after that write. Each window records the sequences it counted, so a redelivery (crash between
/// write and ack, AckWait expiry, competing replica) is skipped: counts are exact, not at-least-once.
/// A window is "closed" when an event of a later minute arrives; then the <c>kit_engagement_*</c> gauges show it.
/// </summary>
internal sealed class EngagementProjection(INatsJSContext js, string bucket = Buckets.EngagementWindows) : IEventHandler
{
    public const string ProjectionName = "engagement";

    /// <summary>Closed windows older than this are forgotten (late events still update the bucket).</summary>
    private static readonly TimeSpan Remember = TimeSpan.FromMinutes(10);

    private readonly SortedDictionary<DateTimeOffset, EngagementWindow> _recent = [];
    private readonly object _gate = new();
    private Task<KvProjectionStore<EngagementWindow>>? _store;
    private DateTimeOffset _latest = DateTimeOffset.MinValue;

    public static string Key(DateTimeOffset start) => start.UtcDateTime.ToString("yyyyMMddHHmm", CultureInfo.InvariantCulture);

    public static DateTimeOffset WindowStart(DateTimeOffset eventTime)
    {
        var utc = eventTime.ToUniversalTime();
        return new DateTimeOffset(utc.Year, utc.Month, utc.Day, utc.Hour, utc.Minute, 0, TimeSpan.Zero);
    }

    public async ValueTask HandleAsync(IReadOnlyList<ConsumedEvent> events, CancellationToken cancellationToken)
    {
        var store = await (_store ??= OpenAsync(cancellationToken));
        var windows = new SortedDictionary<DateTimeOffset, List<ConsumedEvent>>();
        foreach (var e in events)
        {
            var start = WindowStart(e.EventTime);
            if (!windows.TryGetValue(start, out var list))
            {
                windows[start] = list = [];
            }

            list.Add(e);
        }

        foreach (var (start, group) in windows)
        {
            await ApplyAsync(store, start, group, cancellationToken);
        }

        Close(windows.Keys.Last());
    }

    private async Task<KvProjectionStore<EngagementWindow>> OpenAsync(CancellationToken cancellationToken)
    {
        var kv = await new NatsKVContext(js).GetStoreAsync(bucket, cancellationToken);
        return new KvProjectionStore<EngagementWindow>(kv, ProjectionName, EngagementJson.Default.EngagementWindow);
    }

    private async Task ApplyAsync(KvProjectionStore<EngagementWindow> store, DateTimeOffset start, List<ConsumedEvent> group, CancellationToken cancellationToken)
    {
        var counted = new bool[group.Count];
        ProjectionWrite<EngagementWindow> write;
        try
        {
            write = await store.UpdateAsync(Key(start), current =>
            {
                var window = current?.Copy() ?? new EngagementWindow { Window = Key(start), Start = start };
                var any = false;
                for (var i = 0; i < group.Count; i++)
                {
                    counted[i] = SequenceRanges.Add(window.Applied, group[i].StreamSequence);
                    if (counted[i])
                    {
                        window = Count(window, (IClickEvent)group[i].Event);
                        any = true;
                    }
                }

                return any ? window with { SessionCount = window.Sessions.Count, UpdatedAt = DateTimeOffset.UtcNow } : null;
            }, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            foreach (var e in group)
            {
                e.Fail(ex);
            }

            return;
        }

        for (var i = 0; i < group.Count; i++)
        {
            if (counted[i])
            {
                group[i].Applied();
            }
            else
            {
                group[i].Duplicate();
            }
        }

        if (write.Value is { } value)
        {
            lock (_gate)
            {
                _recent[start] = value;
            }
        }
    }

    /// <summary>Counts one event into a window copy (its collections are already private to this update).</summary>
    private static EngagementWindow Count(EngagementWindow w, IClickEvent e)
    {
        w.Sessions.Add(e.SessionId);
        switch (e)
        {
            case PageViewed:
                return w with { PageViews = w.PageViews + 1 };
            case ProductViewed p:
                w.ProductViewsBySku[p.Sku] = w.ProductViewsBySku.GetValueOrDefault(p.Sku) + 1;
                return w with { ProductViews = w.ProductViews + 1 };
            case AddedToCart a:
                w.AddsToCartBySku[a.Sku] = w.AddsToCartBySku.GetValueOrDefault(a.Sku) + a.Quantity;
                return w with { AddsToCart = w.AddsToCart + 1 };
            case Searched:
                return w with { Searches = w.Searches + 1 };
            default:
                return w;
        }
    }

    /// <summary>Windows before the newest minute seen are closed: count them and show the latest closed one on the gauges.</summary>
    private void Close(DateTimeOffset newest)
    {
        lock (_gate)
        {
            if (newest <= _latest)
            {
                return;
            }

            var previous = _latest;
            _latest = newest;
            EngagementWindow? latestClosed = null;
            foreach (var (start, window) in _recent)
            {
                if (start >= newest)
                {
                    break;
                }

                if (start >= previous)
                {
                    BusinessMetrics.EngagementWindowsClosed.Inc();
                }

                latestClosed = window;
            }

            if (latestClosed is not null)
            {
                BusinessMetrics.EngagementWindowSessions.Set(latestClosed.SessionCount);
                BusinessMetrics.EngagementWindowEvents.WithLabels(ClickKinds.PageViewed).Set(latestClosed.PageViews);
                BusinessMetrics.EngagementWindowEvents.WithLabels(ClickKinds.ProductViewed).Set(latestClosed.ProductViews);
                BusinessMetrics.EngagementWindowEvents.WithLabels(ClickKinds.AddedToCart).Set(latestClosed.AddsToCart);
                BusinessMetrics.EngagementWindowEvents.WithLabels(ClickKinds.Searched).Set(latestClosed.Searches);
            }

            foreach (var old in _recent.Keys.Where(k => k < newest - Remember).ToList())
            {
                _recent.Remove(old);
            }
        }
    }
}
