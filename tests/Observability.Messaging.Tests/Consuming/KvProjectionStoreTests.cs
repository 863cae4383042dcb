using Observability.Contracts.Events;
using Observability.Contracts.Orders;
using Observability.Messaging.Projections;
using Observability.Messaging.Topology;
using Observability.Testing;

namespace Observability.Messaging.Tests.Consuming;

[Collection(NatsCollection.Name)]
public sealed class KvProjectionStoreTests(NatsServerFixture nats) : JetStreamTest(nats)
{
    [Fact]
    public async Task A_stale_cached_revision_loses_the_compare_and_set_then_the_update_is_rerun_on_the_fresh_value()
    {
        var stream = await TestStream.CreateAsync(Js, TopologyOptions.Default, Token);
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
        Assert.Equal(1, ProjectionMetrics.WriteConflicts.WithLabels(projection).Value);
    }
}
