using System.Text.Json;
using NATS.Client.KeyValueStore;
using NATS.Net;
using Observability.Contracts.Events;
using Observability.Contracts.Faults;
using Observability.Contracts.Topology;
using Observability.Messaging.Topology;
using Observability.Stack.Tests.Support;
using Xunit.Abstractions;

namespace Observability.Stack.Tests.Live;

/// <summary>
/// An alert that reaches someone: the real processors and producer on a real nats-server, the engagement consumer
/// stalled by a fault switch from its first message, Prometheus (the local config and the kit's rules) and Alertmanager
/// (the local config) delivering to a webhook receiver in this test. KitConsumerStalled fires, reaches the receiver,
/// and once the switch is cleared and the consumer drains, resolves, and the receiver hears that too.
/// </summary>
public sealed class AlertDeliveryTests(ITestOutputHelper output)
{
    [Fact]
    public async Task A_stalled_consumer_alert_fires_reaches_the_webhook_receiver_and_resolves()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(8));
        var ct = timeout.Token;
        await using var nats = await NatsServer.StartAsync(ct);

        // The switch is in the bucket before the processors start, so the engagement consumer never acks: its ack
        // floor is flat from the first sample, as the rule's "no change for 5 minutes" needs.
        await using var client = nats.CreateClient("alert-test");
        var js = client.CreateJetStreamContext();
        await JetStreamTopology.EnsureAsync(js, TopologyOptions.Default, ct);
        var faults = await new NatsKVContext(js).GetStoreAsync(Buckets.Faults, ct);
        var stall = new FaultSwitch
        {
            Id = "alert-test-stall",
            Kind = FaultKinds.Stall,
            Consumer = Consumers.Engagement,
            CreatedAt = DateTimeOffset.UtcNow,
            ExpiresAt = DateTimeOffset.UtcNow.AddMinutes(15),
            SetBy = "alert-test",
        };
        await faults.PutAsync(stall.Id, JsonSerializer.SerializeToUtf8Bytes(stall, KitJson.Default.FaultSwitch), cancellationToken: ct);

        var (processors, processorsUrl) = await KitService.StartAsync("Observability.Processors", nats.Url,
            new Dictionary<string, string> { ["Processors__LagInterval"] = "00:00:01" }, ct);
        await using var processorsProcess = processors;
        var (producer, producerUrl) = await KitService.StartAsync("Observability.Producer", nats.Url, new Dictionary<string, string>
        {
            ["Producer__OrdersPerSecond"] = "1",
            ["Producer__ClicksPerSecond"] = "50",
            ["Producer__Seed"] = "12",
        }, ct);
        await using var producerProcess = producer;

        using var receiver = new WebhookReceiver();
        await using var alerting = await AlertingStack.StartAsync(receiver.Url, new Dictionary<string, string[]>
        {
            ["processors"] = [new Uri(processorsUrl).Authority],
            ["producer"] = [new Uri(producerUrl).Authority],
        }, ct);

        var clock = System.Diagnostics.Stopwatch.StartNew();
        var firing = await Eventually.UntilAsync(
            () => Task.FromResult(Notifications(receiver, "firing").FirstOrDefault()),
            n => n.ValueKind != JsonValueKind.Undefined, TimeSpan.FromMinutes(4),
            "a firing KitConsumerStalled notification for engagement at the receiver");
        var labels = firing.GetProperty("labels");
        Assert.Equal("CLICKSTREAM", labels.GetProperty("stream").GetString());
        Assert.Equal("critical", labels.GetProperty("severity").GetString());
        Assert.Contains("is stalled", firing.GetProperty("annotations").GetProperty("summary").GetString(), StringComparison.Ordinal);

        output.WriteLine($"firing notification {clock.Elapsed.TotalSeconds:F0} s after Prometheus and Alertmanager started");
        await faults.DeleteAsync(stall.Id, cancellationToken: ct); // kit faults clear alert-test-stall
        clock.Restart();

        var resolved = await Eventually.UntilAsync(
            () => Task.FromResult(Notifications(receiver, "resolved").FirstOrDefault()),
            n => n.ValueKind != JsonValueKind.Undefined, TimeSpan.FromMinutes(3),
            "a resolved KitConsumerStalled notification for engagement at the receiver");
        output.WriteLine($"resolved notification {clock.Elapsed.TotalSeconds:F0} s after the switch was cleared");
        Assert.Equal(firing.GetProperty("fingerprint").GetString(), resolved.GetProperty("fingerprint").GetString());
    }

    /// <summary>The KitConsumerStalled alerts for the engagement consumer, in the given status, from every notification received.</summary>
    private static IEnumerable<JsonElement> Notifications(WebhookReceiver receiver, string status) =>
        receiver.Received
            .SelectMany(n => n.GetProperty("alerts").EnumerateArray())
            .Where(a => a.GetProperty("status").GetString() == status
                        && a.GetProperty("labels").GetProperty("alertname").GetString() == "KitConsumerStalled"
                        && a.GetProperty("labels").GetProperty("consumer").GetString() == Consumers.Engagement);
}
