using NATS.Client.JetStream;
using NATS.Net;
using Observability.Contracts.Topology;
using Observability.Testing;

namespace Observability.Processors.Tests;

/// <summary>
/// Two real processor processes on one durable, while orders keep arriving: both frozen past AckWait (a backlog whose
/// events of one order then land on both replicas), or one killed with kill -9 mid-stream. Every summary must still
/// equal a fresh fold of its order's events.
/// </summary>
public sealed class ReplicaProcessTests : IAsyncLifetime
{
    private readonly CancellationTokenSource _timeout = new(TimeSpan.FromSeconds(120));
    private NatsServer _nats = null!;
    private NatsClient _client = null!;
    private INatsJSContext _js = null!;

    private CancellationToken Token => _timeout.Token;

    public async Task InitializeAsync()
    {
        _nats = await NatsServer.StartAsync(Token);
        _client = _nats.CreateClient();
        _js = _client.CreateJetStreamContext();
    }

    public async Task DisposeAsync()
    {
        await _client.DisposeAsync();
        await _nats.DisposeAsync();
        _timeout.Dispose();
    }

    [Fact]
    public async Task Two_replicas_frozen_past_AckWait_while_orders_keep_arriving_apply_every_event_once_and_in_order()
    {
        await using var a = await StartProcessorAsync();
        await using var b = await StartProcessorAsync();
        var writer = new LifecycleWriter(_js);

        for (var tick = 0; tick < 60; tick++)
        {
            if (tick == 10)
            {
                await a.PauseAsync();
                await b.PauseAsync();
            }

            if (tick == 45)
            {
                // Frozen for about 3.5 s against an AckWait of 2 s: every buffered message is redelivered to both.
                await a.ResumeAsync();
                await b.ResumeAsync();
            }

            await writer.TickAsync(newOrders: 6, Token);
            await Task.Delay(100, Token);
        }

        await writer.FinishAsync(Token);
        await WaitDrainedAsync();
        await SummaryAssert.ExactAsync(_js, Buckets.OrderSummaries, writer.OrderIds, Token);
        await AuditAssert.PassesAsync(_js, writer.OrderIds.Count, Token);
    }

    [Fact]
    public async Task A_replica_killed_with_kill_9_mid_stream_and_started_again_leaves_nothing_lost_or_doubled()
    {
        await using var a = await StartProcessorAsync();
        var b = await StartProcessorAsync();
        var writer = new LifecycleWriter(_js);
        ExternalProcess? restarted = null;
        try
        {
            for (var tick = 0; tick < 40; tick++)
            {
                if (tick == 15)
                {
                    await b.KillAbruptlyAsync();
                }

                if (tick == 25)
                {
                    restarted = await StartProcessorAsync();
                }

                await writer.TickAsync(newOrders: 8, Token);
                await Task.Delay(50, Token);
            }

            await writer.FinishAsync(Token);
            await WaitDrainedAsync();
            await SummaryAssert.ExactAsync(_js, Buckets.OrderSummaries, writer.OrderIds, Token);
            await AuditAssert.PassesAsync(_js, writer.OrderIds.Count, Token);
        }
        finally
        {
            await b.DisposeAsync();
            if (restarted is not null)
            {
                await restarted.DisposeAsync();
            }
        }
    }

    private async Task<ExternalProcess> StartProcessorAsync()
    {
        var (process, _) = await KitService.StartAsync("Observability.Processors", _nats.Url, new Dictionary<string, string>
        {
            ["Topology__AckWait"] = "00:00:02",
            ["Topology__MaxDeliver"] = "20",
            ["Processors__Roles__0"] = "order-summary",
        }, Token);
        return process;
    }

    private Task WaitDrainedAsync() =>
        Eventually.UntilAsync(async () => (await _js.GetConsumerAsync(Streams.Orders, Consumers.OrderSummary, Token)).Info is { NumPending: 0, NumAckPending: 0 },
            timeout: TimeSpan.FromSeconds(60), because: "every event is settled");
}
