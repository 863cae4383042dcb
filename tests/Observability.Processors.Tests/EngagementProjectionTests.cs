using NATS.Client.KeyValueStore;
using Observability.Contracts.Clickstream;
using Observability.Contracts.Events;
using Observability.Contracts.Topology;
using Observability.Messaging.Consuming;
using Observability.Messaging.Publishing;
using Observability.Processors.Analytics;
using Observability.Processors.Engagement;
using Observability.Testing;

namespace Observability.Processors.Tests;

[Collection(NatsCollection.Name)]
public sealed class EngagementProjectionTests(NatsServerFixture nats) : JetStreamTest(nats)
{
    private INatsKVStore _bucket = null!;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        _bucket = await new NatsKVContext(Js).CreateStoreAsync("windows-" + Guid.NewGuid().ToString("N")[..12], Token);
    }

    [Fact]
    public async Task Clicks_are_counted_into_one_minute_windows_by_event_time_once_each_despite_a_redelivery()
    {
        var durable = await ProcessorHarness.CreateDurableAsync(Js, Streams.Clickstream, Subjects.ClickstreamAll, Token);
        // A minute of this test's own, far from real time, so other tests' clicks never share its windows.
        var minute = new DateTimeOffset(2001, 1, 1, 0, 0, 0, TimeSpan.Zero).AddMinutes(Random.Shared.Next(1_000_000));
        var next = minute.AddMinutes(1);
        IEvent[] clicks =
        [
            new PageViewed("s-1", null, "/", minute.AddSeconds(1)),
            new PageViewed("s-2", "c-2", "/", minute.AddSeconds(2)),
            new ProductViewed("s-1", null, "SKU-1", minute.AddSeconds(3)),
            new ProductViewed("s-2", "c-2", "SKU-1", minute.AddSeconds(4)),
            new ProductViewed("s-2", "c-2", "SKU-2", minute.AddSeconds(5)),
            new AddedToCart("s-2", "c-2", "SKU-1", 3, minute.AddSeconds(6)),
            new Searched("s-3", null, "shoes", 12, minute.AddSeconds(59)),
            new PageViewed("s-9", null, "/next", next.AddSeconds(1)),
        ];
        var publisher = new EventPublisher(Js);
        foreach (var click in clicks)
        {
            await publisher.PublishAsync(click, cancellationToken: Token);
        }

        var closed = BusinessMetrics.EngagementWindowsClosed.Value;
        var options = new ConsumerHostOptions
        {
            Stream = Streams.Clickstream,
            Consumer = durable,
            Concurrency = 1,
            MaxHandlerBatch = 3,
            // The first batch is written, then "crashes" before its acks: its redelivery must not count twice.
            Interceptors = [new FailAfterWriteOnce(e => e.Event is PageViewed { SessionId: "s-1" })],
            NakBaseDelay = TimeSpan.FromMilliseconds(100),
        };

        await using (ProcessorHarness.Start(Js, options, new EngagementProjection(Js, _bucket.Bucket)))
        {
            await Eventually.UntilAsync(async () => (await Js.GetConsumerAsync(Streams.Clickstream, durable, Token)).Info is { NumPending: 0, NumAckPending: 0 },
                because: "every click is acked");
        }

        var serializer = new NATS.Client.Core.NatsJsonContextSerializer<EngagementWindow>(EngagementJson.Default);
        var first = (await _bucket.GetEntryAsync(EngagementProjection.Key(minute), serializer: serializer, cancellationToken: Token)).Value!;
        Assert.Equal(2, first.PageViews);
        Assert.Equal(3, first.ProductViews);
        Assert.Equal(2, first.ProductViewsBySku["SKU-1"]);
        Assert.Equal(1, first.ProductViewsBySku["SKU-2"]);
        Assert.Equal(1, first.AddsToCart);
        Assert.Equal(3, first.AddsToCartBySku["SKU-1"]);
        Assert.Equal(1, first.Searches);
        Assert.Equal(3, first.SessionCount);
        Assert.Single(first.Applied);
        var second = (await _bucket.GetEntryAsync(EngagementProjection.Key(next), serializer: serializer, cancellationToken: Token)).Value!;
        Assert.Equal(1, second.PageViews);
        Assert.Equal(1, second.SessionCount);
        // The first minute closed when the next minute's click arrived: the gauges show it.
        Assert.True(BusinessMetrics.EngagementWindowsClosed.Value >= closed + 1);
        Assert.Equal(3, BusinessMetrics.EngagementWindowSessions.Value);
        Assert.Equal(3, BusinessMetrics.EngagementWindowEvents.WithLabels(ClickKinds.ProductViewed).Value);
    }
}
