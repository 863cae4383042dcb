using System.Globalization;
using System.Text.Json;
using NATS.Client.KeyValueStore;
using Observability.Contracts.Clickstream;
using Observability.Contracts.Events;
using Observability.Contracts.Topology;
using Observability.Messaging.Publishing;
using Observability.Operations.Audit;
using Observability.Testing;

namespace Observability.Cli.Tests.Audit;

[Collection(NatsCollection.Name)]
public sealed class EngagementAuditTests(NatsServerFixture nats) : JetStreamTest(nats)
{
    [Fact]
    public async Task A_window_that_counted_every_event_of_its_minute_once_gives_no_finding()
    {
        var (key, sequences) = await PublishMinuteAsync();
        await WriteWindowAsync(key, sequences, pageViews: 3, searches: 1);

        var findings = await AuditWindowAsync(key);

        Assert.Empty(findings);
    }

    [Fact]
    public async Task A_window_whose_count_is_above_the_events_it_counted_is_reported_as_applied_twice()
    {
        var (key, sequences) = await PublishMinuteAsync();
        await WriteWindowAsync(key, sequences, pageViews: 4, searches: 1);

        var finding = Assert.Single(await AuditWindowAsync(key));

        Assert.Equal(FindingKinds.AppliedTwice, finding.Kind);
        Assert.Contains("page_viewed: 4 counted, 3", finding.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_event_of_the_minute_the_window_never_counted_is_reported_as_lost()
    {
        var (key, sequences) = await PublishMinuteAsync();
        await WriteWindowAsync(key, sequences[..^1], pageViews: 3, searches: 0);

        var finding = Assert.Single(await AuditWindowAsync(key));

        Assert.Equal(FindingKinds.Lost, finding.Kind);
        Assert.Equal([sequences[^1]], finding.Sequences);
    }

    /// <summary>Three page views and a search in a minute of this test's own (windows are keyed by minute).</summary>
    private async Task<(string Key, ulong[] Sequences)> PublishMinuteAsync()
    {
        var minute = DateTimeOffset.Parse("2025-01-01T00:00:00Z", CultureInfo.InvariantCulture).AddMinutes(Random.Shared.Next(0, 500_000));
        var publisher = new EventPublisher(Js);
        IEvent[] clicks =
        [
            new PageViewed("s-1", null, "/", minute.AddSeconds(1)),
            new PageViewed("s-1", null, "/a", minute.AddSeconds(2)),
            new PageViewed("s-2", null, "/", minute.AddSeconds(3)),
            new Searched("s-2", null, "shoes", 4, minute.AddSeconds(4)),
        ];
        var sequences = new List<ulong>();
        foreach (var click in clicks)
        {
            sequences.Add((await publisher.PublishAsync(click, cancellationToken: Token)).Sequence);
        }

        await OrderWorld.CatchUpAsync(Js, Streams.Clickstream, Consumers.Engagement, Token);
        return (minute.UtcDateTime.ToString("yyyyMMddHHmm", CultureInfo.InvariantCulture), [.. sequences]);
    }

    private async Task WriteWindowAsync(string key, ulong[] counted, long pageViews, long searches)
    {
        var window = new EngagementWindowRecord
        {
            Window = key,
            PageViews = pageViews,
            Searches = searches,
            Applied = [.. counted.Select(s => new CountedRange(s, s))],
        };
        var kv = await new NatsKVContext(Js).GetStoreAsync(Buckets.EngagementWindows, Token);
        await kv.PutAsync(key, JsonSerializer.SerializeToUtf8Bytes(window, AuditJson.Default.EngagementWindowRecord), cancellationToken: Token);
    }

    private async Task<List<AuditFinding>> AuditWindowAsync(string key)
    {
        var report = await new DeliveryAudit(Js).RunAsync(new AuditOptions { MaxExamplesPerKind = 1000 }, Token);
        return [.. report.Engagement!.Findings.Examples.Where(f => f.Key == key)];
    }
}
