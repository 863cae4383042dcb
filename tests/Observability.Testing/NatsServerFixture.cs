using Xunit;

namespace Observability.Testing;

/// <summary>One real nats-server shared by a test collection (each test assembly declares its own [CollectionDefinition]); each test uses its own names (a Guid) to stay independent.</summary>
public sealed class NatsServerFixture : IAsyncLifetime
{
    private NatsServer? _server;

    public NatsServer Server => _server ?? throw new InvalidOperationException("fixture not initialized");

    public string Url => Server.Url;

    public async Task InitializeAsync() => _server = await NatsServer.StartAsync();

    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }
}
