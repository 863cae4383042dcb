using System.Diagnostics;
using Observability.Contracts.Orders;
using Observability.Contracts.Topology;
using Observability.Messaging.Consuming;
using Observability.Messaging.DeadLetters;
using Observability.Messaging.Telemetry;
using Observability.Messaging.Topology;
using Observability.Testing;

namespace Observability.Messaging.Tests.Consuming;

[Collection(NatsCollection.Name)]
public sealed class ConsumerHostTests(NatsServerFixture nats) : JetStreamTest(nats)
{
    /// <summary>Short AckWait and few deliveries: redelivery within a second or two.</summary>
    private static readonly TopologyOptions Fast = TopologyOptions.Default with { AckWait = TimeSpan.FromSeconds(1), MaxDeliver = 3 };

    [Fact]
    public async Task An_event_redelivered_after_its_write_but_before_its_ack_is_applied_once()
    {
        var stream = await TestStream.CreateAsync(Js, Fast, Token);
        var projection = new CountingProjection(KitJsonStores.Summaries(stream));
        var faults = new FaultInterceptor { FailAfter = e => e.DeliveryCount == 1 };
        var orderId = NewId();
        var sequence = await stream.PublishAsync(TestStream.Placed(orderId), Token);
        var duplicates = DuplicateSkipped(stream);

        await using var host = RunningHost.Start(Js, stream.HostOptions with { Interceptors = [faults] }, projection);

        await Eventually.UntilAsync(() => projection.Deliveries.Contains((sequence, 2UL)), because: "the event is redelivered");
        await Eventually.UntilAsync(async () => (await stream.ConsumerInfoAsync(Token)).AckFloor == sequence, because: "the redelivery is acked");
        var summary = await projection.GetAsync(orderId, Token);
        Assert.Equal(1, summary!.EventCount);
        Assert.Equal(sequence, summary.LastAppliedSequence);
        Assert.Equal(duplicates + 1, DuplicateSkipped(stream));
    }

    [Fact]
    public async Task A_transient_failure_is_nakked_redelivered_and_applied_once()
    {
        var stream = await TestStream.CreateAsync(Js, Fast, Token);
        var projection = new CountingProjection(KitJsonStores.Summaries(stream));
        var faults = new FaultInterceptor { FailBefore = e => e.DeliveryCount == 1 };
        var orderId = NewId();
        var sequence = await stream.PublishAsync(TestStream.Placed(orderId), Token);
        var naks = ConsumerMetrics.MessagesProcessed.WithLabels(stream.Name, stream.Consumer, "orders.order-placed.v1", ConsumerMetrics.Outcome.Nak);

        await using var host = RunningHost.Start(Js, stream.HostOptions with { Interceptors = [faults] }, projection);

        await Eventually.UntilAsync(async () => (await projection.GetAsync(orderId, Token))?.EventCount == 1, because: "the redelivery is applied");
        await Eventually.UntilAsync(async () => (await stream.ConsumerInfoAsync(Token)).AckFloor == sequence, because: "the redelivery is acked");
        Assert.Equal(1, naks.Value);
        // The failure came before the handler: only the redelivery reached it.
        Assert.Equal([2UL], projection.Deliveries.Where(d => d.Sequence == sequence).Select(d => d.Delivery));
        Assert.Equal(1, (await projection.GetAsync(orderId, Token))!.EventCount);
        Assert.Empty(await new DeadLetterReader(Js).ListAsync(stream.Name, stream.Consumer, Token));
    }

    [Fact]
    public async Task After_a_nak_the_same_orders_later_event_waits_so_both_are_applied_in_order()
    {
        var stream = await TestStream.CreateAsync(Js, Fast with { MaxDeliver = 6 }, Token);
        var projection = new CountingProjection(KitJsonStores.Summaries(stream));
        var orderId = NewId();
        var first = await stream.PublishAsync(TestStream.Placed(orderId), Token);
        var second = await stream.PublishAsync(new PaymentAuthorized(orderId, 20m, "EUR", DateTimeOffset.UtcNow), Token);
        var faults = new FaultInterceptor { FailBefore = e => e.StreamSequence == first && e.DeliveryCount == 1 };

        // One message per batch: without the hold, the second event would be applied before the first came back,
        // and the redelivered first would then be skipped as already applied.
        await using var host = RunningHost.Start(Js, stream.HostOptions with { Concurrency = 1, MaxHandlerBatch = 1, Interceptors = [faults] }, projection);

        await Eventually.UntilAsync(async () => (await stream.ConsumerInfoAsync(Token)) is { Pending: 0, AckPending: 0 }, because: "both events settle");
        var summary = await projection.GetAsync(orderId, Token);
        Assert.Equal(2, summary!.EventCount);
        Assert.Equal(second, summary.LastAppliedSequence);
        Assert.Equal([first, second], projection.Deliveries.Select(d => d.Sequence).Distinct());
    }

    [Fact]
    public async Task A_handler_slower_than_AckWait_sees_the_message_redelivered_and_applies_it_once()
    {
        var stream = await TestStream.CreateAsync(Js, Fast, Token);
        var projection = new CountingProjection(KitJsonStores.Summaries(stream));
        using var release = new SemaphoreSlim(0);
        // The first delivery hangs past AckWait until the broker's redelivery has arrived.
        projection.OnEvent = async (e, ct) =>
        {
            if (e.DeliveryCount == 1)
            {
                await release.WaitAsync(ct);
            }
        };
        var orderId = NewId();
        var sequence = await stream.PublishAsync(TestStream.Placed(orderId), Token);

        await using var host = RunningHost.Start(Js, stream.HostOptions with { Concurrency = 1, MaxHandlerBatch = 1 }, projection);
        await Eventually.UntilAsync(() => projection.Deliveries.Contains((sequence, 1UL)), because: "the first delivery started");
        // Same subject, same partition: the redelivery queues behind the hung first delivery.
        await Eventually.UntilAsync(async () => (await stream.ConsumerInfoAsync(Token)).AckPending == 1 && await RedeliveredAsync(stream), because: "AckWait expired and the broker redelivered");
        release.Release();

        await Eventually.UntilAsync(() => projection.Deliveries.Contains((sequence, 2UL)), because: "the redelivery is handled");
        await Eventually.UntilAsync(async () => (await stream.ConsumerInfoAsync(Token)) is { AckPending: 0, Pending: 0 }, because: "everything is acked");
        Assert.Equal(1, (await projection.GetAsync(orderId, Token))!.EventCount);
    }

    [Fact]
    public async Task Unreadable_unknown_type_and_schema_invalid_messages_are_dead_lettered_while_the_next_good_message_is_applied()
    {
        var stream = await TestStream.CreateAsync(Js, Fast, Token);
        var projection = new CountingProjection(KitJsonStores.Summaries(stream));
        var placedType = "orders.order-placed.v1";
        var noHeaders = await stream.PublishRawAsync(stream.Subject("bad-1"), "{}"u8.ToArray(), null, Token);
        var notJson = await stream.PublishRawAsync(stream.Subject("bad-2"), "not json"u8.ToArray(), TestStream.Headers(placedType, DateTimeOffset.UtcNow), Token);
        var unknown = await stream.PublishRawAsync(stream.Subject("bad-3"), "{}"u8.ToArray(), TestStream.Headers("orders.order-exploded.v1", DateTimeOffset.UtcNow), Token);
        var invalid = await stream.PublishRawAsync(stream.Subject("bad-4"),
            """{"orderId":"bad-4","customerId":"c","lines":[],"total":-5,"currency":"EURO","occurredAt":"2026-01-01T00:00:00Z"}"""u8.ToArray(),
            TestStream.Headers(placedType, DateTimeOffset.UtcNow), Token);
        var goodId = NewId();
        var good = await stream.PublishAsync(TestStream.Placed(goodId), Token);

        await using var host = RunningHost.Start(Js, stream.HostOptions with { Concurrency = 1 }, projection);

        await Eventually.UntilAsync(async () => (await projection.GetAsync(goodId, Token))?.LastAppliedSequence == good, because: "the good message is applied");
        var deadLetters = await Eventually.UntilAsync(() => new DeadLetterReader(Js).ListAsync(stream.Name, stream.Consumer, Token), d => d.Count == 4, because: "four dead letters");
        var reasons = deadLetters.ToDictionary(d => d.Source.Sequence, d => d.Reason);
        Assert.Equal(DeadLetterReason.Unreadable, reasons[noHeaders]);
        Assert.Equal(DeadLetterReason.Unreadable, reasons[notJson]);
        Assert.Equal(DeadLetterReason.UnknownType, reasons[unknown]);
        Assert.Equal(DeadLetterReason.SchemaInvalid, reasons[invalid]);
        var schemaLetter = deadLetters.Single(d => d.Source.Sequence == invalid);
        Assert.Equal(placedType, schemaLetter.EventType);
        Assert.Equal(stream.Subject("bad-4"), schemaLetter.Source.Subject);
        Assert.Equal(1UL, schemaLetter.Source.Deliveries);
        Assert.False(string.IsNullOrEmpty(schemaLetter.Detail));
        Assert.StartsWith("{\"orderId\":\"bad-4\"", System.Text.Encoding.UTF8.GetString(schemaLetter.Data.Span));
        await Eventually.UntilAsync(async () => (await stream.ConsumerInfoAsync(Token)) is { AckPending: 0, Pending: 0 }, because: "dead letters are acked");
    }

    [Fact]
    public async Task With_schema_validation_off_a_schema_invalid_but_readable_event_is_processed()
    {
        var stream = await TestStream.CreateAsync(Js, Fast, Token);
        var projection = new CountingProjection(KitJsonStores.Summaries(stream));
        var orderId = NewId();
        // A negative total breaks the schema but not deserialization.
        var sequence = await stream.PublishAsync(TestStream.Placed(orderId, total: -4m), Token);

        await using var host = RunningHost.Start(Js, stream.HostOptions with { ValidateSchemas = false }, projection);

        await Eventually.UntilAsync(async () => (await projection.GetAsync(orderId, Token))?.LastAppliedSequence == sequence, because: "the event is applied unvalidated");
        Assert.Empty(await new DeadLetterReader(Js).ListAsync(stream.Name, stream.Consumer, Token));
    }

    [Fact]
    public async Task An_event_failing_on_every_delivery_is_dead_lettered_on_the_last_one_with_its_delivery_count()
    {
        var stream = await TestStream.CreateAsync(Js, Fast, Token);
        var projection = new CountingProjection(KitJsonStores.Summaries(stream));
        var faults = new FaultInterceptor { FailBefore = _ => true };
        var orderId = NewId();
        var sequence = await stream.PublishAsync(TestStream.Placed(orderId), Token);

        await using var host = RunningHost.Start(Js, stream.HostOptions with { Interceptors = [faults] }, projection);

        var deadLetters = await Eventually.UntilAsync(() => new DeadLetterReader(Js).ListAsync(stream.Name, stream.Consumer, Token), d => d.Count == 1, because: "the message is dead-lettered");
        Assert.Equal(DeadLetterReason.MaxDeliveries, deadLetters[0].Reason);
        Assert.Equal(3UL, deadLetters[0].Source.Deliveries);
        Assert.Equal(sequence, deadLetters[0].Source.Sequence);
        Assert.Contains("injected failure", deadLetters[0].Detail);
        await Eventually.UntilAsync(async () => (await stream.ConsumerInfoAsync(Token)).AckFloor == sequence, because: "the last delivery is acked");
        Assert.Null(await projection.GetAsync(orderId, Token));
    }

    [Fact]
    public async Task The_process_span_is_a_consumer_span_parented_to_the_publish_span_with_messaging_tags()
    {
        using var capture = new ActivityCapture(KitActivities.SourceName);
        var orderId = NewId();
        var consumerName = "trace-" + orderId[..8];
        await Js.CreateOrUpdateConsumerAsync(Streams.Orders, JetStreamTopology.DurableConsumer(consumerName, Subjects.Order(orderId), Fast), Token);
        var kv = await new NATS.Client.KeyValueStore.NatsKVContext(Js).CreateStoreAsync("kv-" + consumerName, Token);
        var projection = new CountingProjection(new Projections.KvProjectionStore<OrderSummary>(kv, consumerName, Contracts.Events.KitJson.Default.OrderSummary));
        var published = await new Messaging.Publishing.EventPublisher(Js).PublishAsync(TestStream.Placed(orderId), cancellationToken: Token);

        await using var host = RunningHost.Start(Js, new ConsumerHostOptions { Stream = Streams.Orders, Consumer = consumerName }, projection);

        var publish = capture.Stopped.Single(a => a.Kind == ActivityKind.Producer && (string?)a.GetTagItem(IOrderEvent.KeyAttribute) == orderId);
        var process = await Eventually.UntilAsync(
            () => Task.FromResult(capture.InTrace(publish.TraceId).FirstOrDefault(a => a.Kind == ActivityKind.Consumer)), a => a is not null, because: "the process span ends");
        Assert.Equal("process orders.{order_id}", process!.DisplayName);
        Assert.Equal(publish.SpanId, process.ParentSpanId);
        Assert.Equal("nats", process.GetTagItem(KitActivities.MessagingSystem));
        Assert.Equal("process", process.GetTagItem(KitActivities.OperationName));
        Assert.Equal("process", process.GetTagItem(KitActivities.OperationType));
        Assert.Equal(Subjects.Order(orderId), process.GetTagItem(KitActivities.DestinationName));
        Assert.Equal(Subjects.OrdersTemplate, process.GetTagItem(KitActivities.DestinationTemplate));
        Assert.Equal(consumerName, process.GetTagItem(KitActivities.ConsumerGroup));
        Assert.Equal(published.EventId, process.GetTagItem(KitActivities.MessageId));
        Assert.Equal(published.Sequence, process.GetTagItem(KitActivities.StreamSequence));
        Assert.Equal(1UL, process.GetTagItem(KitActivities.DeliveryCount));
        Assert.Equal(Streams.Orders, process.GetTagItem(KitActivities.StreamName));
        Assert.Equal("orders.order-placed.v1", process.GetTagItem(KitActivities.EventType));
        Assert.Equal(orderId, process.GetTagItem(IOrderEvent.KeyAttribute));
        Assert.Equal(ConsumerMetrics.Outcome.Acked, process.GetTagItem(KitActivities.Outcome));
        Assert.Equal(ActivityStatusCode.Unset, process.Status);
        await host.StopAsync();
        await Js.DeleteConsumerAsync(Streams.Orders, consumerName, Token);
    }

    [Fact]
    public async Task A_replay_host_links_its_process_span_to_the_publish_span_instead_of_joining_its_trace()
    {
        using var capture = new ActivityCapture(KitActivities.SourceName);
        var stream = await TestStream.CreateAsync(Js, Fast, Token);
        var projection = new CountingProjection(KitJsonStores.Summaries(stream));
        var producerContext = new ActivityContext(ActivityTraceId.CreateRandom(), ActivitySpanId.CreateRandom(), ActivityTraceFlags.Recorded);
        var headers = TestStream.Headers("orders.order-placed.v1", DateTimeOffset.UtcNow);
        headers[MessageHeaders.TraceParent] = $"00-{producerContext.TraceId}-{producerContext.SpanId}-01";
        var orderId = NewId();
        await stream.PublishRawAsync(stream.Subject(orderId), Contracts.Events.EventCatalog.Serialize(TestStream.Placed(orderId)), headers, Token);

        await using var host = RunningHost.Start(Js, stream.HostOptions with { Tracing = TraceParenting.Link }, projection);

        var process = await Eventually.UntilAsync(
            () => Task.FromResult(capture.Stopped.FirstOrDefault(a => (string?)a.GetTagItem(IOrderEvent.KeyAttribute) == orderId)), a => a is not null, because: "the process span ends");
        Assert.NotEqual(producerContext.TraceId, process!.TraceId);
        Assert.Contains(process.Links, l => l.Context.TraceId == producerContext.TraceId && l.Context.SpanId == producerContext.SpanId);
    }

    [Fact]
    public async Task Two_hosts_on_one_durable_together_apply_every_event_exactly_once()
    {
        var stream = await TestStream.CreateAsync(Js, Fast, Token);
        var projectionA = new CountingProjection(KitJsonStores.Summaries(stream));
        var projectionB = new CountingProjection(KitJsonStores.Summaries(stream));
        var orders = Enumerable.Range(0, 50).Select(_ => NewId()).ToList();

        await using var a = RunningHost.Start(Js, stream.HostOptions with { PullBatchSize = 10 }, projectionA);
        await using var b = RunningHost.Start(Js, stream.HostOptions with { PullBatchSize = 10 }, projectionB);
        foreach (var round in Enumerable.Range(0, 4))
        {
            foreach (var orderId in orders)
            {
                await stream.PublishAsync(TestStream.Placed(orderId), Token);
            }
        }

        await Eventually.UntilAsync(async () => (await stream.ConsumerInfoAsync(Token)) is { Pending: 0, AckPending: 0 }, because: "every event is acked");
        Assert.NotEmpty(projectionA.Deliveries);
        Assert.NotEmpty(projectionB.Deliveries);
        foreach (var orderId in orders)
        {
            Assert.Equal(4, (await projectionA.GetAsync(orderId, Token))!.EventCount);
        }
    }

    [Fact]
    public async Task A_graceful_stop_finishes_and_acks_the_messages_in_flight()
    {
        var stream = await TestStream.CreateAsync(Js, Fast with { AckWait = TimeSpan.FromSeconds(20) }, Token);
        var projection = new CountingProjection(KitJsonStores.Summaries(stream));
        using var release = new SemaphoreSlim(0);
        projection.OnEvent = (_, ct) => release.WaitAsync(ct);
        var orderId = NewId();
        await stream.PublishAsync(TestStream.Placed(orderId), Token);

        var host = RunningHost.Start(Js, stream.HostOptions, projection);
        await Eventually.UntilAsync(() => !projection.Deliveries.IsEmpty, because: "the message is in flight");
        var stopping = host.StopAsync();
        Assert.False(stopping.IsCompleted);
        release.Release();
        await stopping.WaitAsync(Token);
        await host.DisposeAsync();

        Assert.Equal(1, (await projection.GetAsync(orderId, Token))!.EventCount);
        var info = await stream.ConsumerInfoAsync(Token);
        Assert.Equal(0, info.AckPending);
        Assert.Equal(0UL, info.Pending);
    }

    private async Task<bool> RedeliveredAsync(TestStream stream)
    {
        var consumer = await Js.GetConsumerAsync(stream.Name, stream.Consumer, Token);
        return consumer.Info.NumRedelivered > 0 || consumer.Info.Delivered.ConsumerSeq > 1;
    }

    private static double DuplicateSkipped(TestStream stream) =>
        ConsumerMetrics.MessagesProcessed.WithLabels(stream.Name, stream.Consumer, "orders.order-placed.v1", ConsumerMetrics.Outcome.DuplicateSkipped).Value;

    private static string NewId() => Guid.NewGuid().ToString("N");
}
