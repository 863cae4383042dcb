using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using NATS.Client.JetStream;
using NATS.Client.KeyValueStore;
using NATS.Net;
using Observability.Contracts.Events;
using Observability.Contracts.Faults;
using Observability.Contracts.Orders;
using Observability.Contracts.Topology;
using Observability.Messaging.Publishing;
using Observability.Messaging.Topology;
using Observability.Testing;

namespace Observability.Processors.Tests.Faults;

/// <summary>The processors service as real processes obeying the real <c>kit-faults</c> bucket, on a nats-server of the test's own.</summary>
public sealed class FaultProcessTests : IAsyncLifetime
{
    private readonly CancellationTokenSource _timeout = new(TimeSpan.FromSeconds(90));
    private readonly HttpClient _http = new();
    private NatsServer _server = null!;
    private NatsClient _client = null!;
    private INatsJSContext _js = null!;
    private INatsKVStore _faults = null!;

    private CancellationToken Token => _timeout.Token;

    /// <summary>Only the projection, and a 2 s AckWait so what a crash left unacked comes back soon.</summary>
    private static Dictionary<string, string> Settings(params string[] roles)
    {
        var settings = new Dictionary<string, string> { ["Topology__AckWait"] = "00:00:02" };
        for (var i = 0; i < roles.Length; i++)
        {
            settings[$"Processors__Roles__{i}"] = roles[i];
        }

        return settings;
    }

    public async Task InitializeAsync()
    {
        _server = await NatsServer.StartAsync(Token);
        _client = _server.CreateClient();
        _js = _client.CreateJetStreamContext();
        await JetStreamTopology.EnsureAsync(_js, TopologyOptions.Default, Token);
        _faults = await new NatsKVContext(_js).GetStoreAsync(Buckets.Faults, Token);
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _client.DisposeAsync();
        await _server.DisposeAsync();
        _timeout.Dispose();
    }

    [Theory]
    [InlineData(CrashPoints.BeforeWrite)]
    [InlineData(CrashPoints.AfterWrite)]
    public async Task A_crash_switch_kills_the_processor_abruptly_and_a_new_process_applies_every_event_once(string crashPoint)
    {
        var crash = Switch(FaultKinds.Crash, Consumers.OrderSummary) with { CrashPoint = crashPoint, Amount = 1 };
        var (doomed, url) = await KitService.StartAsync("Observability.Processors", _server.Url, Settings(ProcessorRoles.OrderSummary), Token);
        int exitCode;
        await using (doomed)
        {
            await SetAsync(crash);
            await MetricAsync(url, "kit_fault_active", FaultKinds.Crash, Consumers.OrderSummary, v => v == 1, "the process obeys the crash switch");
            var orderIds = await PublishOrdersAsync(5);

            exitCode = await doomed.WaitForExitAsync(TimeSpan.FromSeconds(30), Token);
            var exitedAt = DateTimeOffset.UtcNow;
            Assert.Contains($"injected crash by fault switch '{crash.Id}' on order-summary {crashPoint}", doomed.Tail, StringComparison.Ordinal);

            // The operator clears the switch; the next process starts clean and picks up what the dead one left unacked.
            await _faults.DeleteAsync(crash.Id, cancellationToken: Token);
            var (replacement, _) = await KitService.StartAsync("Observability.Processors", _server.Url, Settings(ProcessorRoles.OrderSummary), Token);
            var replacedAt = DateTimeOffset.UtcNow;
            await using (replacement)
            {
                await Eventually.UntilAsync(async () => (await _js.GetConsumerAsync(Streams.Orders, Consumers.OrderSummary, Token)).Info is { NumPending: 0, NumAckPending: 0 },
                    TimeSpan.FromSeconds(30), "the new process drains what the crashed one left");
            }

            var summaries = await new NatsKVContext(_js).GetStoreAsync(Buckets.OrderSummaries, Token);
            try
            {
                await SummaryAssert.ExactAsync(_js, summaries.Bucket, orderIds, Token);
                await AuditAssert.PassesAsync(_js, orderIds.Count, Token);
            }
            catch (Exception ex) when (ex is Xunit.Sdk.XunitException)
            {
                // Which process wrote what, and when: the crashed one died at exitedAt, the new one was up at replacedAt.
                var lines = new List<string> { $"exited {exitedAt:O}, replacement healthy {replacedAt:O}" };
                foreach (var o in orderIds)
                {
                    var entry = await summaries.GetEntryAsync<byte[]>(o, cancellationToken: Token);
                    lines.Add($"{o}: revision {entry.Revision} created {entry.Created:O} {System.Text.Encoding.UTF8.GetString(entry.Value!)}");
                }

                throw new Xunit.Sdk.XunitException($"{ex.Message}\n{string.Join("\n", lines)}\n--- crashed process:\n{doomed.Tail}\n--- replacement:\n{replacement.Tail}");
            }
        }

        Assert.NotEqual(0, exitCode);
    }

    [Fact]
    public async Task A_processor_shows_an_active_switch_and_its_injections_on_metrics_and_logs_the_change()
    {
        var slow = Switch(FaultKinds.Slow, FaultSwitch.AllConsumers) with { Delay = TimeSpan.FromMilliseconds(5), Amount = 2, EventType = "orders.order-placed.v1" };
        var (processors, url) = await KitService.StartAsync("Observability.Processors", _server.Url,
            Settings(ProcessorRoles.OrderSummary, ProcessorRoles.Engagement), Token);
        await using (processors)
        {
            await MetricAsync(url, "kit_fault_active", FaultKinds.Slow, Consumers.OrderSummary, v => v == 0, "the gauge exists before any switch");

            await SetAsync(slow);
            await MetricAsync(url, "kit_fault_active", FaultKinds.Slow, Consumers.OrderSummary, v => v == 1, "a switch for every consumer targets the projection");
            await MetricAsync(url, "kit_fault_active", FaultKinds.Slow, Consumers.Engagement, v => v == 1, "and the engagement consumer");
            Assert.Contains($"Fault switch {slow.Id} set: kind=slow consumer=*", processors.Tail, StringComparison.Ordinal);

            await PublishOrdersAsync(3);

            await MetricAsync(url, "kit_faults_injected_total", FaultKinds.Slow, Consumers.OrderSummary, v => v == 2, "two injections, then the amount is spent");
            // Spent for the projection; the engagement consumer never saw an OrderPlaced, so its budget is untouched.
            await MetricAsync(url, "kit_fault_active", FaultKinds.Slow, Consumers.OrderSummary, v => v == 0, "a spent switch is no longer active");
            await MetricAsync(url, "kit_fault_active", FaultKinds.Slow, Consumers.Engagement, v => v == 1, "the engagement consumer still has its budget");

            await _faults.DeleteAsync(slow.Id, cancellationToken: Token);
            await MetricAsync(url, "kit_fault_active", FaultKinds.Slow, Consumers.Engagement, v => v == 0, "a deleted switch is cleared");
        }
    }

    private static FaultSwitch Switch(string kind, string consumer) => new()
    {
        Id = kind + "-" + Guid.NewGuid().ToString("N")[..8],
        Kind = kind,
        Consumer = consumer,
        CreatedAt = DateTimeOffset.UtcNow,
        ExpiresAt = DateTimeOffset.UtcNow + FaultSwitch.DefaultExpiry,
        SetBy = "test",
    };

    private async Task SetAsync(FaultSwitch fault) =>
        await _faults.PutAsync(fault.Id, JsonSerializer.SerializeToUtf8Bytes(fault, KitJson.Default.FaultSwitch), cancellationToken: Token);

    private async Task<List<string>> PublishOrdersAsync(int count)
    {
        var publisher = new EventPublisher(_js);
        var orderIds = Enumerable.Range(0, count).Select(_ => Guid.NewGuid().ToString("N")).ToList();
        var t0 = DateTimeOffset.UtcNow.AddMinutes(-5);
        foreach (var orderId in orderIds)
        {
            await publisher.PublishAsync(new OrderPlaced(orderId, "c-1", [new OrderLine("A", 1, 4m)], 4m, "EUR", t0), cancellationToken: Token);
            await publisher.PublishAsync(new PaymentAuthorized(orderId, 4m, "EUR", t0.AddMinutes(1)), cancellationToken: Token);
            await publisher.PublishAsync(new OrderShipped(orderId, "DHL", "T-" + orderId, t0.AddMinutes(2)), cancellationToken: Token);
        }

        return orderIds;
    }

    private async Task MetricAsync(string url, string name, string kind, string consumer, Func<double, bool> condition, string because) =>
        await Eventually.UntilAsync(async () => Value(await _http.GetStringAsync(url + "/metrics", Token), name, kind, consumer), condition, TimeSpan.FromSeconds(20), because);

    /// <summary>A sample's value in Prometheus text format, or -1 when absent.</summary>
    private static double Value(string metrics, string name, string kind, string consumer)
    {
        var match = Regex.Match(metrics, $"^{Regex.Escape(name)}\\{{kind=\"{Regex.Escape(kind)}\",consumer=\"{Regex.Escape(consumer)}\"\\}} (\\S+)", RegexOptions.Multiline);
        return match.Success ? double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture) : -1;
    }
}
