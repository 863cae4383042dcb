using Microsoft.Extensions.Hosting;
using Observability.Messaging.Consuming;
using Observability.Messaging.DeadLetters;
using Observability.Messaging.Topology;
using Observability.Testing;

namespace Observability.Messaging.Tests.Consuming;

[Collection(NatsCollection.Name)]
public sealed class DeadLetterAdvisoryTests(NatsServerFixture nats) : JetStreamTest(nats)
{
    [Fact]
    public async Task A_message_whose_last_delivery_times_out_is_dead_lettered_from_the_max_deliveries_advisory()
    {
        var stream = await TestStream.CreateAsync(Js, TopologyOptions.Default with { AckWait = TimeSpan.FromSeconds(1), MaxDeliver = 2 }, Token);
        var projection = new CountingProjection(KitJsonStores.Summaries(stream));
        using var never = new CancellationTokenSource();
        // Every delivery hangs past AckWait, as a stuck processor would: the consumer path never sees a failure.
        projection.OnEvent = (_, ct) => Task.Delay(Timeout.Infinite, ct);
        IHostedService listener = new MaxDeliveriesAdvisoryListener(Client.Connection, Js, [new DurableName(stream.Name, stream.Consumer)]);
        await listener.StartAsync(Token);
        await ((MaxDeliveriesAdvisoryListener)listener).Subscribed.WaitAsync(Token);
        var headers = TestStream.Headers("orders.order-placed.v1", DateTimeOffset.UtcNow);
        var orderId = Guid.NewGuid().ToString("N");
        // Serialized once: the event time's precision varies, so a second serialization may differ in length.
        var payload = Contracts.Events.EventCatalog.Serialize(TestStream.Placed(orderId));
        var sequence = await stream.PublishRawAsync(stream.Subject(orderId), payload, headers, Token);

        await using var host = RunningHost.Start(Js, stream.HostOptions with { Concurrency = 2, ShutdownTimeout = TimeSpan.Zero }, projection);

        var deadLetters = await Eventually.UntilAsync(() => new DeadLetterReader(Js).ListAsync(stream.Name, stream.Consumer, Token), d => d.Count == 1, because: "the advisory is turned into a dead letter");
        var letter = deadLetters[0];
        Assert.Equal(DeadLetterReason.MaxDeliveries, letter.Reason);
        Assert.Equal(sequence, letter.Source.Sequence);
        Assert.Equal(2UL, letter.Source.Deliveries);
        Assert.Equal(stream.Subject(orderId), letter.Source.Subject);
        Assert.Equal(headers[Contracts.Topology.MessageHeaders.Id].ToString(), letter.EventId);
        Assert.Equal(payload, letter.Data.ToArray());
        await listener.StopAsync(Token);
    }

    [Fact]
    public async Task The_consumer_path_and_the_advisory_path_file_one_dead_letter_per_message()
    {
        var stream = await TestStream.CreateAsync(Js, TopologyOptions.Default, Token);
        var orderId = Guid.NewGuid().ToString("N");
        var sequence = await stream.PublishAsync(TestStream.Placed(orderId), Token);
        var listener = new MaxDeliveriesAdvisoryListener(Client.Connection, Js, []);
        var advisory = $$"""{"type":"io.nats.jetstream.advisory.v1.max_deliver","stream":"{{stream.Name}}","consumer":"{{stream.Consumer}}","stream_seq":{{sequence}},"deliveries":5}""";

        await listener.HandleAsync(System.Text.Encoding.UTF8.GetBytes(advisory), Token);
        await listener.HandleAsync(System.Text.Encoding.UTF8.GetBytes(advisory), Token);

        var deadLetters = await new DeadLetterReader(Js).ListAsync(stream.Name, stream.Consumer, Token);
        Assert.Single(deadLetters);
        Assert.Equal(1, DeadLetterMetrics.DeadLetters.WithLabels(stream.Name, stream.Consumer, DeadLetterReason.MaxDeliveries).Value);
    }
}
