using System.Diagnostics;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Observability.Contracts.Events;
using Observability.Contracts.Faults;
using Observability.Messaging.Faults;
using Observability.Testing;

namespace Observability.Processors.Tests.Faults;

[Collection(NatsCollection.Name)]
public sealed class FaultSwitchboardTests(NatsServerFixture nats) : JetStreamTest(nats)
{
    [Fact]
    public async Task A_switch_written_to_the_bucket_is_held_within_a_second_and_its_gauge_is_1_until_the_key_is_deleted()
    {
        await using var switchboard = await TestSwitchboard.StartAsync(Js, Token);
        var consumer = "c-" + Guid.NewGuid().ToString("N")[..8];
        switchboard.Board.Register(consumer);
        var fault = TestSwitchboard.Switch(FaultKinds.Exception, consumer) with { EventType = "orders.order-placed.v1", Amount = 3 };
        var gauge = FaultMetrics.FaultActive.WithLabels(FaultKinds.Exception, consumer);
        Assert.Equal(0, gauge.Value);

        var clock = Stopwatch.StartNew();
        await switchboard.SetAsync(fault, Token);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(1), $"held after {clock.Elapsed}");
        Assert.Equal(fault, Assert.Single(switchboard.Board.Active));
        Assert.Equal(1, gauge.Value);
        Assert.Equal(0, FaultMetrics.FaultActive.WithLabels(FaultKinds.Slow, consumer).Value);

        await switchboard.Bucket.DeleteAsync(fault.Id, cancellationToken: Token);

        await Eventually.UntilAsync(() => switchboard.Board.IsEmpty, TimeSpan.FromSeconds(1), "a deleted key clears the switch");
        Assert.Equal(0, gauge.Value);
        var log = switchboard.Log.Entries.Where(e => e.Level == LogLevel.Information).Select(e => e.Message).ToList();
        Assert.Contains(log, m => m.Contains($"Fault switch {fault.Id} set: kind=exception consumer={consumer} eventType=orders.order-placed.v1 probability=1 amount=3", StringComparison.Ordinal));
        Assert.Contains(log, m => m.Contains($"Fault switch {fault.Id} cleared (deleted)", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_purged_key_clears_its_switch_and_an_expired_switch_is_forgotten_by_the_clock_without_any_bucket_event()
    {
        await using var switchboard = await TestSwitchboard.StartAsync(Js, Token);
        var consumer = "c-" + Guid.NewGuid().ToString("N")[..8];
        var purged = TestSwitchboard.Switch(FaultKinds.Slow, consumer) with { Delay = TimeSpan.FromMilliseconds(10) };
        var expiring = TestSwitchboard.Switch(FaultKinds.Stall, consumer) with { ExpiresAt = DateTimeOffset.UtcNow.AddSeconds(2) };
        await switchboard.SetAsync(purged, Token);
        await switchboard.SetAsync(expiring, Token);

        await switchboard.Bucket.PurgeAsync(purged.Id, cancellationToken: Token);
        await Eventually.UntilAsync(() => switchboard.Board.Active.All(s => s.Id != purged.Id), TimeSpan.FromSeconds(1), "a purged key clears the switch");
        Assert.Contains(switchboard.Board.Active, s => s.Id == expiring.Id);

        await Eventually.UntilAsync(() => switchboard.Board.IsEmpty, TimeSpan.FromSeconds(4), "the expired switch is swept");
        Assert.True(DateTimeOffset.UtcNow >= expiring.ExpiresAt);
        Assert.Contains(switchboard.Log.Entries, e => e.Level == LogLevel.Information && e.Message.Contains($"Fault switch {expiring.Id} expired", StringComparison.Ordinal));
        // The key is still in the bucket: only the clock retired it.
        Assert.True((await switchboard.Bucket.TryGetEntryAsync<byte[]>(expiring.Id, cancellationToken: Token)).Success);
    }

    [Fact]
    public async Task A_switch_that_expired_before_it_was_read_and_an_unreadable_value_are_both_ignored()
    {
        await using var switchboard = await TestSwitchboard.StartAsync(Js, Token);
        var stale = TestSwitchboard.Switch(FaultKinds.Crash, "c-x") with { ExpiresAt = DateTimeOffset.UtcNow.AddMinutes(-1) };
        await switchboard.Bucket.PutAsync(stale.Id, JsonSerializer.SerializeToUtf8Bytes(stale, KitJson.Default.FaultSwitch), cancellationToken: Token);
        await switchboard.Bucket.PutAsync("garbage", "not json"u8.ToArray(), cancellationToken: Token);
        var live = TestSwitchboard.Switch(FaultKinds.Exception, "c-x");

        // The bucket is read in order, so once the last switch is held the first two were seen and ignored.
        await switchboard.SetAsync(live, Token);

        Assert.Equal(live.Id, Assert.Single(switchboard.Board.Active).Id);
        Assert.Contains(switchboard.Log.Entries, e => e.Message.Contains($"Fault switch {stale.Id} ignored: it expired", StringComparison.Ordinal));
        Assert.Contains(switchboard.Log.Entries, e => e.Level == LogLevel.Warning && e.Message.Contains("Fault switch garbage ignored", StringComparison.Ordinal));
    }
}
