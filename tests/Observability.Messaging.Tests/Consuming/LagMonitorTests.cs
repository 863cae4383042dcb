using Observability.Messaging.Consuming;
using Observability.Messaging.Lag;
using Observability.Messaging.Topology;
using Observability.Testing;

namespace Observability.Messaging.Tests.Consuming;

[Collection(NatsCollection.Name)]
public sealed class LagMonitorTests(NatsServerFixture nats) : JetStreamTest(nats)
{
    [Fact]
    public async Task Events_published_while_the_processor_is_stopped_show_as_lag_in_messages_and_seconds_then_both_drop_to_zero()
    {
        var stream = await TestStream.CreateAsync(Js, TopologyOptions.Default, Token);
        var durable = new DurableName(stream.Name, stream.Consumer);
        var monitor = new LagMonitor(Js, new LagMonitorOptions { Consumers = [durable] });
        for (var i = 0; i < 25; i++)
        {
            await stream.PublishAsync(TestStream.Placed(Guid.NewGuid().ToString("N")), Token);
        }

        // The broker timestamps are in the past by now; wait until the oldest is measurably old.
        await Eventually.UntilAsync(async () =>
        {
            await monitor.PollAsync(Token);
            return Gauge(LagMetrics.ConsumerLagSeconds, durable) > 0.05;
        }, because: "lag seconds grows");
        Assert.Equal(25, Gauge(LagMetrics.ConsumerPending, durable));
        Assert.Equal(25, Gauge(LagMetrics.ConsumerLagMessages, durable));
        Assert.Equal(0, Gauge(LagMetrics.ConsumerAckPending, durable));
        Assert.Equal(25, LagMetrics.StreamMessages.WithLabels(stream.Name).Value);
        Assert.Equal(25, LagMetrics.StreamLastSequence.WithLabels(stream.Name).Value);

        await using var host = RunningHost.Start(Js, stream.HostOptions, new CountingProjection(KitJsonStores.Summaries(stream)));

        await Eventually.UntilAsync(async () =>
        {
            await monitor.PollAsync(Token);
            return Gauge(LagMetrics.ConsumerLagMessages, durable) == 0;
        }, because: "the processor drains the backlog");
        Assert.Equal(0, Gauge(LagMetrics.ConsumerLagSeconds, durable));
        Assert.Equal(0, Gauge(LagMetrics.ConsumerPending, durable));
        Assert.Equal(25, Gauge(LagMetrics.ConsumerAckFloor, durable));
        Assert.Equal(25, Gauge(LagMetrics.ConsumerDelivered, durable));
    }

    [Fact]
    public async Task A_missing_consumer_counts_a_monitor_error_and_the_monitor_carries_on()
    {
        var stream = await TestStream.CreateAsync(Js, TopologyOptions.Default, Token);
        var missing = new DurableName(stream.Name, "no-such-consumer");
        var present = new DurableName(stream.Name, stream.Consumer);
        await stream.PublishAsync(TestStream.Placed(Guid.NewGuid().ToString("N")), Token);
        var monitor = new LagMonitor(Js, new LagMonitorOptions { Consumers = [missing, present] });

        await monitor.PollAsync(Token);

        Assert.Equal(1, LagMetrics.LagMonitorErrors.WithLabels(missing.Stream, missing.Consumer).Value);
        Assert.Equal(1, Gauge(LagMetrics.ConsumerPending, present));
    }

    [Fact]
    public async Task A_consumer_with_pending_messages_that_no_one_pulls_from_is_exported_as_stopped_and_as_ok_once_drained()
    {
        var stream = await TestStream.CreateAsync(Js, TopologyOptions.Default, Token);
        var durable = new DurableName(stream.Name, stream.Consumer);
        var monitor = new LagMonitor(Js, new LagMonitorOptions { Consumers = [durable] });
        await stream.PublishAsync(TestStream.Placed(Guid.NewGuid().ToString("N")), Token);

        await monitor.PollAsync(Token);

        Assert.Equal(1, Status(durable, "stopped"));
        Assert.Equal(0, Status(durable, "ok") + Status(durable, "behind") + Status(durable, "stalled"));

        await using var host = RunningHost.Start(Js, stream.HostOptions, new CountingProjection(KitJsonStores.Summaries(stream)));
        await Eventually.UntilAsync(async () =>
        {
            await monitor.PollAsync(Token);
            return Status(durable, "ok") == 1;
        }, because: "the processor drains the backlog");
        Assert.Equal(0, Status(durable, "stopped"));
    }

    private static double Status(DurableName durable, string status) => LagMetrics.ConsumerStatus.WithLabels(durable.Stream, durable.Consumer, status).Value;

    private static double Gauge(Prometheus.Gauge gauge, DurableName durable) => gauge.WithLabels(durable.Stream, durable.Consumer).Value;
}
