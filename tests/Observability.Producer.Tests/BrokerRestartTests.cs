using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using NATS.Net;
using Observability.Contracts.Topology;
using Observability.ServiceDefaults;
using Observability.Testing;

namespace Observability.Producer.Tests;

/// <summary>
/// kill -9 of nats-server mid-run, then a restart on the same store: the producer retries with the same event ids,
/// so the run stores exactly the events a run without the outage stores, each once.
/// </summary>
public sealed class BrokerRestartTests : IAsyncLifetime
{
    private readonly CancellationTokenSource _timeout = new(TimeSpan.FromSeconds(90));

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync()
    {
        _timeout.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task A_broker_killed_and_restarted_on_its_store_mid_run_loses_and_doubles_nothing()
    {
        await using var calm = await NatsServer.StartAsync(_timeout.Token);
        await RunProducerAsync(calm.Url, outage: null);
        var expected = await EventIdsAsync(calm);

        await using var flaky = await NatsServer.StartAsync(_timeout.Token);
        await RunProducerAsync(flaky.Url, outage: async () =>
        {
            await Task.Delay(TimeSpan.FromSeconds(1), _timeout.Token);
            flaky.Kill();
            await Task.Delay(TimeSpan.FromSeconds(1.5), _timeout.Token);
            await flaky.RestartAsync(_timeout.Token);
        });
        var actual = await EventIdsAsync(flaky);

        foreach (var stream in new[] { Streams.Orders, Streams.Clickstream })
        {
            Assert.Empty(actual[stream].GroupBy(id => id).Where(g => g.Count() > 1).Select(g => g.Key));
            Assert.Equal(expected[stream].Order(), actual[stream].Order());
        }
    }

    /// <summary>The producer as the service runs it, a fixed seed and duration, until its lifecycles are done.</summary>
    private async Task RunProducerAsync(string natsUrl, Func<Task>? outage)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Nats:Url"] = natsUrl,
            ["Producer:Seed"] = "777",
            ["Producer:OrdersPerSecond"] = "20",
            ["Producer:ClicksPerSecond"] = "100",
            ["Producer:Duration"] = "3s",
            ["Producer:RunId"] = "restart-test",
            ["Producer:TimeScale"] = "0.05",
        });
        builder.AddKitNats();
        builder.AddProducer();
        using var host = builder.Build();
        await host.StartAsync(_timeout.Token);
        var worker = host.Services.GetRequiredService<ProducerWorker>();
        if (outage is not null)
        {
            await outage();
        }

        await worker.ExecuteTask!.WaitAsync(_timeout.Token);
        await host.StopAsync(_timeout.Token);
    }

    /// <summary>Every stored event id per stream, duplicates included (the dedup window should leave none).</summary>
    private async Task<Dictionary<string, List<string>>> EventIdsAsync(NatsServer server)
    {
        await using var client = server.CreateClient();
        var js = client.CreateJetStreamContext();
        var ids = new Dictionary<string, List<string>>();
        foreach (var name in new[] { Streams.Orders, Streams.Clickstream })
        {
            var stream = await js.GetStreamAsync(name, cancellationToken: _timeout.Token);
            var last = stream.Info.State.LastSeq;
            var list = ids[name] = [];
            if (last == 0)
            {
                continue;
            }

            var consumer = await js.CreateOrderedConsumerAsync(name, cancellationToken: _timeout.Token);
            await foreach (var msg in consumer.ConsumeAsync<byte[]>(cancellationToken: _timeout.Token))
            {
                list.Add(msg.Headers![MessageHeaders.Id].ToString());
                if (msg.Metadata!.Value.Sequence.Stream >= last)
                {
                    break;
                }
            }
        }

        return ids;
    }
}
