using Microsoft.Extensions.Logging.Abstractions;
using NATS.Client.Core;
using NATS.Client.KeyValueStore;
using Observability.Contracts.Clickstream;
using Observability.Contracts.Events;
using Observability.Contracts.Orders;
using Observability.Contracts.Replay;
using Observability.Contracts.Topology;
using Observability.Messaging.Consuming;
using Observability.Messaging.DeadLetters;
using Observability.Messaging.Publishing;
using Observability.Messaging.Replay;
using Observability.Orders.Summaries;
using Observability.Processors.Orders;
using Observability.Testing;

namespace Observability.Processors.Tests;

/// <summary>A dead-lettered event replayed through the role's replay subject is applied once, in stream order.</summary>
[Collection(NatsCollection.Name)]
public sealed class ReplayTests(NatsServerFixture nats) : JetStreamTest(nats)
{
    [Fact]
    public async Task A_replayed_dead_letter_is_applied_once_and_a_second_replay_changes_nothing()
    {
        var bucket = await new NatsKVContext(Js).CreateStoreAsync("summaries-" + Guid.NewGuid().ToString("N")[..12], Token);
        var orderId = Guid.NewGuid().ToString("N");
        var durable = await ProcessorHarness.CreateDurableAsync(Js, Streams.Orders, Subjects.Order(orderId), Token);
        var publisher = new EventPublisher(Js);
        var t0 = DateTimeOffset.UtcNow.AddMinutes(-5);
        var placed = await publisher.PublishAsync(new OrderPlaced(orderId, "c-1", [new OrderLine("A", 1, 5m)], 5m, "EUR", t0), cancellationToken: Token);
        var paid = await publisher.PublishAsync(new PaymentAuthorized(orderId, 5m, "EUR", t0.AddSeconds(1)),
            new PublishOptions { ExpectedLastSubjectSequence = placed.Sequence }, Token);
        var options = new ConsumerHostOptions
        {
            Stream = Streams.Orders,
            Consumer = durable,
            Interceptors = [new AlwaysFail(e => e.Event is PaymentAuthorized)],
            NakBaseDelay = TimeSpan.FromMilliseconds(50),
            NakMaxDelay = TimeSpan.FromMilliseconds(100),
        };
        var projection = new OrderSummaryProjection(Js, bucket.Bucket);

        await using (ProcessorHarness.Start(Js, options, projection))
        {
            var letters = await Eventually.UntilAsync(() => new DeadLetterReader(Js).ListAsync(Streams.Orders, durable, Token), l => l.Count == 1,
                TimeSpan.FromSeconds(20), "the payment fails on every delivery");
            Assert.Equal(DeadLetterReason.MaxDeliveries, letters[0].Reason);
        }

        Assert.Equal([placed.Sequence], (await SummaryAsync(bucket, orderId)).AppliedSequences);

        using var stop = CancellationTokenSource.CreateLinkedTokenSource(Token);
        var responder = new ReplayResponder(Client.Connection, Js, options with { Interceptors = [] }, projection, NullLogger.Instance);
        var serving = Task.Run(() => responder.RunAsync(stop.Token), CancellationToken.None);
        try
        {
            var first = await Eventually.UntilAsync(() => RequestReplayAsync(durable, paid.Sequence), r => r is not null, because: "the responder subscribes");
            Assert.Equal(ReplayOutcomes.Applied, first!.Outcome);
            var summary = await SummaryAsync(bucket, orderId);
            Assert.Equal([placed.Sequence, paid.Sequence], summary.AppliedSequences);
            Assert.Equal(OrderStatus.PaymentAuthorized, summary.Status);

            Assert.Equal(ReplayOutcomes.AlreadyApplied, (await RequestReplayAsync(durable, paid.Sequence))!.Outcome);
            Assert.Equal(2, (await SummaryAsync(bucket, orderId)).EventCount);
            Assert.Equal(ReplayOutcomes.NotFound, (await RequestReplayAsync(durable, ulong.MaxValue - 1))!.Outcome);
        }
        finally
        {
            await stop.CancelAsync();
            await serving.ContinueWith(_ => { }, TaskScheduler.Default);
        }
    }

    [Fact]
    public async Task A_replayed_event_behind_later_applied_events_is_folded_in_at_its_place_in_the_stream()
    {
        var bucket = await new NatsKVContext(Js).CreateStoreAsync("summaries-" + Guid.NewGuid().ToString("N")[..12], Token);
        var orderId = Guid.NewGuid().ToString("N");
        var publisher = new EventPublisher(Js);
        var t0 = DateTimeOffset.UtcNow.AddMinutes(-5);
        var placed = await publisher.PublishAsync(new OrderPlaced(orderId, "c-1", [new OrderLine("A", 1, 5m)], 5m, "EUR", t0), cancellationToken: Token);
        var paid = await publisher.PublishAsync(new PaymentAuthorized(orderId, 5m, "EUR", t0.AddSeconds(1)), new PublishOptions { ExpectedLastSubjectSequence = placed.Sequence }, Token);
        var shipped = await publisher.PublishAsync(new OrderShipped(orderId, "DHL", "T-1", t0.AddSeconds(2)), new PublishOptions { ExpectedLastSubjectSequence = paid.Sequence }, Token);
        // The summary as it stood after the payment was skipped (say a stricter schema of an earlier release refused it)
        // and the shipment applied after it.
        var skipped = OrderSummaryFold.Skip(
            OrderSummaryFold.Apply(null, new OrderPlaced(orderId, "c-1", [new OrderLine("A", 1, 5m)], 5m, "EUR", t0), placed.Sequence),
            orderId, paid.Sequence, DeadLetterReason.SchemaInvalid, "refused by an earlier schema");
        skipped = OrderSummaryFold.Apply(skipped, new OrderShipped(orderId, "DHL", "T-1", t0.AddSeconds(2)), shipped.Sequence);
        await bucket.PutAsync(orderId, skipped, serializer: new NatsJsonContextSerializer<OrderSummary>(KitJson.Default), cancellationToken: Token);

        var options = new ConsumerHostOptions { Stream = Streams.Orders, Consumer = "replay-" + Guid.NewGuid().ToString("N")[..8] };
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(Token);
        var responder = new ReplayResponder(Client.Connection, Js, options, new OrderSummaryProjection(Js, bucket.Bucket), NullLogger.Instance);
        var serving = Task.Run(() => responder.RunAsync(stop.Token), CancellationToken.None);
        try
        {
            var reply = await Eventually.UntilAsync(() => RequestReplayAsync(options.Consumer, paid.Sequence), r => r is not null, because: "the responder subscribes");
            Assert.Equal(ReplayOutcomes.Applied, reply!.Outcome);
            var summary = await SummaryAsync(bucket, orderId);
            Assert.Equal([placed.Sequence, paid.Sequence, shipped.Sequence], summary.AppliedSequences);
            Assert.Empty(summary.DeadLetteredEvents);
            Assert.Equal(OrderStatus.Shipped, summary.Status);
            Assert.Equal(3, summary.EventCount);
            Assert.Equal(ReplayOutcomes.AlreadyApplied, (await RequestReplayAsync(options.Consumer, paid.Sequence))!.Outcome);
        }
        finally
        {
            await stop.CancelAsync();
            await serving.ContinueWith(_ => { }, TaskScheduler.Default);
        }
    }

    [Fact]
    public async Task A_replayed_click_is_counted_into_its_window_once()
    {
        var bucket = await new NatsKVContext(Js).CreateStoreAsync("windows-" + Guid.NewGuid().ToString("N")[..12], Token);
        var minute = new DateTimeOffset(2002, 1, 1, 0, 0, 0, TimeSpan.Zero).AddMinutes(Random.Shared.Next(1_000_000));
        var click = await new EventPublisher(Js).PublishAsync(new PageViewed("s-1", null, "/", minute.AddSeconds(5)), cancellationToken: Token);
        var options = new ConsumerHostOptions { Stream = Streams.Clickstream, Consumer = "replay-" + Guid.NewGuid().ToString("N")[..8], Concurrency = 1 };
        var projection = new Engagement.EngagementProjection(Js, bucket.Bucket);

        using var stop = CancellationTokenSource.CreateLinkedTokenSource(Token);
        var responder = new ReplayResponder(Client.Connection, Js, options, projection, NullLogger.Instance);
        var serving = Task.Run(() => responder.RunAsync(stop.Token), CancellationToken.None);
        try
        {
            var first = await Eventually.UntilAsync(() => RequestReplayAsync(options.Consumer, click.Sequence, Streams.Clickstream), r => r is not null, because: "the responder subscribes");
            Assert.Equal(ReplayOutcomes.Applied, first!.Outcome);
            Assert.Equal(ReplayOutcomes.AlreadyApplied, (await RequestReplayAsync(options.Consumer, click.Sequence, Streams.Clickstream))!.Outcome);
            var window = await bucket.GetEntryAsync<byte[]>(Engagement.EngagementProjection.Key(minute), cancellationToken: Token);
            var counted = System.Text.Json.JsonSerializer.Deserialize(window.Value, Engagement.EngagementJson.Default.EngagementWindow)!;
            Assert.Equal(1, counted.PageViews);
        }
        finally
        {
            await stop.CancelAsync();
            await serving.ContinueWith(_ => { }, TaskScheduler.Default);
        }
    }

    private async Task<ReplayResponse?> RequestReplayAsync(string consumer, ulong sequence, string stream = Streams.Orders)
    {
        try
        {
            var reply = await Client.Connection.RequestAsync<ReplayRequest, ReplayResponse>(
                Subjects.Replay(consumer), new ReplayRequest(stream, sequence),
                requestSerializer: new NatsJsonContextSerializer<ReplayRequest>(KitJson.Default),
                replySerializer: new NatsJsonContextSerializer<ReplayResponse>(KitJson.Default),
                replyOpts: new NatsSubOpts { Timeout = TimeSpan.FromSeconds(2) },
                cancellationToken: Token);
            return reply.Data;
        }
        catch (NatsNoRespondersException)
        {
            return null;
        }
    }

    private async Task<OrderSummary> SummaryAsync(INatsKVStore bucket, string orderId) =>
        (await bucket.GetEntryAsync(orderId, serializer: new NatsJsonContextSerializer<OrderSummary>(KitJson.Default), cancellationToken: Token)).Value!;

    private sealed class AlwaysFail(Func<ConsumedEvent, bool> which) : IProcessingInterceptor
    {
        public ValueTask BeforeHandleAsync(IReadOnlyList<ConsumedEvent> events, CancellationToken cancellationToken) =>
            events.Any(which) ? throw new InvalidOperationException("injected: always fails") : ValueTask.CompletedTask;

        public ValueTask AfterHandleAsync(IReadOnlyList<ConsumedEvent> events, CancellationToken cancellationToken) => ValueTask.CompletedTask;
    }
}
