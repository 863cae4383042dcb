using NATS.Client.JetStream;
using NATS.Net;
using Observability.Messaging.Topology;
using Xunit;

namespace Observability.Testing;

/// <summary>
/// Base of the tests that talk to the shared real nats-server: a client, its JetStream context, the kit's topology
/// ensured, and a 30 s token every call passes on.
/// </summary>
public abstract class JetStreamTest(NatsServerFixture nats) : IAsyncLifetime
{
    private readonly CancellationTokenSource _timeout = new(TimeSpan.FromSeconds(30));

    protected NatsServerFixture Nats => nats;

    protected NatsClient Client { get; private set; } = null!;

    protected INatsJSContext Js { get; private set; } = null!;

    protected CancellationToken Token => _timeout.Token;

    public virtual async Task InitializeAsync()
    {
        Client = nats.Server.CreateClient();
        Js = Client.CreateJetStreamContext();
        await JetStreamTopology.EnsureAsync(Js, TopologyOptions.Default, Token);
    }

    public virtual async Task DisposeAsync()
    {
        await Client.DisposeAsync();
        _timeout.Dispose();
    }
}
