using NATS.Client.JetStream;
using Observability.Messaging.Consuming;

namespace Observability.Messaging.Tests.Consuming;

/// <summary>A consumer host running in the background until stopped (gracefully) or disposed.</summary>
internal sealed class RunningHost : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();

    private RunningHost(ConsumerHost host)
    {
        Host = host;
        Completion = Task.Run(() => host.RunAsync(_stop.Token));
    }

    public ConsumerHost Host { get; }

    public Task Completion { get; }

    public static RunningHost Start(INatsJSContext js, ConsumerHostOptions options, IEventHandler handler) =>
        new(new ConsumerHost(js, options, handler));

    public async Task StopAsync()
    {
        await _stop.CancelAsync();
        await Completion;
    }

    public async ValueTask DisposeAsync()
    {
        if (!Completion.IsCompleted)
        {
            await StopAsync();
        }

        _stop.Dispose();
    }
}
