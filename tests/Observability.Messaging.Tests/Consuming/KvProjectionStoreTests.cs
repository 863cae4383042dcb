using NATS.Client.JetStream;
using NATS.Net;
using Observability.Contracts.Events;
using Observability.Contracts.Orders;
using Observability.Messaging.Projections;
using Observability.Messaging.Telemetry;
using Observability.Messaging.Topology;
using Observability.Testing;

namespace Observability.Messaging.Tests.Consuming;

[Collection(NatsCollection.Name)]
public sealed class KvProjectionStoreTests(NatsServerFixture nats) : IAsyncLifetime
{
    private readonly CancellationTokenSource _timeout = new(TimeSpan.FromSeconds(30));
    private NatsClient _client = null!;
    private INatsJSContext _js = null!;

    private CancellationToken Token => _timeout.Token;

    public async Task InitializeAsync()
    {
        _client = nats.Server.CreateClient();
        _js = _client.CreateJetStreamContext();
        await JetStreamTopology.EnsureAsync(_js, TopologyOptions.Default, Token);
    }

    public async Task DisposeAsync()
    {
        await _client.DisposeAsync();
        _timeout.Dispose();
    }

    [Fact]
    public async Task A_stale_cached_revision_loses_the_compare_and_set_then_the_update_is_rerun_on_the_fresh_value()
    {
        var stream = await TestStream.CreateAsync(_js, TopologyOptions.Default, Token);
        var projection = "conflict-" + stream.Name;
        var replicaA = new KvProjectionStore<OrderSummary>(stream.Bucket, projection, KitJson.Default.OrderSummary);
        var replicaB = new KvProjectionStore<OrderSummary>(stream.Bucket, projection, KitJson.Default.OrderSummary);
        static Func<OrderSummary?, OrderSummary?> Apply(ulong sequence) => s =>
            s is not null && sequence <= s.LastAppliedSequence ? null
            : new OrderSummary { OrderId = "o-1", Status = OrderStatus.Placed, EventCount = (s?.EventCount ?? 0) + 1, LastAppliedSequence = sequence };

        await replicaA.UpdateAsync("o-1", Apply(1), Token);
        await replicaB.UpdateAsync("o-1", Apply(2), Token);
        var third = await replicaA.UpdateAsync("o-1", Apply(3), Token);
        var replay = await replicaB.UpdateAsync("o-1", Apply(2), Token);

        Assert.True(third.Written);
        Assert.Equal(3, third.Value!.EventCount);
        Assert.False(replay.Written);
        Assert.Equal(3UL, (await replicaB.GetAsync("o-1", Token))!.LastAppliedSequence);
        // A's cached revision was stale for the third write. B's replay needs no write: the last-applied sequence
        // only grows, so even a stale cached value proves sequence 2 was applied. B's first write was a cache miss, not a conflict.
        Assert.Equal(1, KitMetrics.ProjectionWriteConflicts.WithLabels(projection).Value);
    }
}
