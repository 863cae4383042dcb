using Observability.Contracts.Topology;

namespace Observability.Cluster.Tests;

/// <summary>
/// The producer's run against one calm single-node server, no faults: the event ids every faulted cluster run must store,
/// each exactly once. The producer is seeded, so its events and their ids do not depend on the broker.
/// </summary>
public sealed class ReferenceRun : IAsyncLifetime
{
    public IReadOnlyDictionary<string, IReadOnlyList<string>> EventIds { get; private set; } = new Dictionary<string, IReadOnlyList<string>>();

    public int Orders { get; private set; }

    public async Task InitializeAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        await using var nats = await NatsServer.StartAsync(timeout.Token);
        var (producer, _) = await KitService.StartAsync("Observability.Producer", nats.Url, ProducerRun.Settings(ProducerRun.Duration), timeout.Token);
        await using (producer)
        {
            Assert.Equal(0, await producer.WaitForExitAsync(TimeSpan.FromSeconds(60), timeout.Token));
        }

        await using var client = nats.CreateClient();
        EventIds = await StoredEvents.IdsAsync(client, ProducerRun.RunId, timeout.Token);
        Orders = await StoredEvents.OrderCountAsync(client, ProducerRun.RunId, timeout.Token);
        Assert.True(EventIds[Streams.Orders].Count > 100, $"the reference run stored only {EventIds[Streams.Orders].Count} order events");
    }

    public Task DisposeAsync() => Task.CompletedTask;
}
