using Observability.Testing;

namespace Observability.LoadSimulator.Tests.Pipeline;

/// <summary>
/// A test against a real nats-server, the real processors and the real API, started from their build output
/// (build the solution first) for each test and stopped after it, all under one timeout.
/// </summary>
public abstract class PipelineProcessesTest(TimeSpan timeout) : IAsyncLifetime
{
    private readonly CancellationTokenSource _timeout = new(timeout);

    protected PipelineProcesses Pipeline { get; private set; } = null!;

    protected CancellationToken Token => _timeout.Token;

    public async Task InitializeAsync() => Pipeline = await PipelineProcesses.StartAsync(Token);

    public async Task DisposeAsync()
    {
        await Pipeline.DisposeAsync();
        _timeout.Dispose();
    }
}
