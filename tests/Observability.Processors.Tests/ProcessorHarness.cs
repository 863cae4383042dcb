using NATS.Client.Core;
using NATS.Client.JetStream;
using NATS.Client.JetStream.Models;
using Observability.Messaging.Consuming;

namespace Observability.Processors.Tests;

/// <summary>Runs a projection on a test's own durable until disposed (a graceful stop).</summary>
internal sealed class ProcessorHarness : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _running;

    private ProcessorHarness(ConsumerHost host) => _running = Task.Run(() => host.RunAsync(_stop.Token));

    public static ProcessorHarness Start(INatsJSContext js, ConsumerHostOptions options, IEventHandler handler) =>
        new(new ConsumerHost(js, options, handler));

    /// <summary>A durable of the test's own on a kit stream, delivering only what is published from now on.</summary>
    public static async Task<string> CreateDurableAsync(INatsJSContext js, string stream, string filterSubject, CancellationToken cancellationToken)
    {
        var name = "t-" + Guid.NewGuid().ToString("N")[..12];
        await js.CreateOrUpdateConsumerAsync(stream, new ConsumerConfig(name)
        {
            DurableName = name,
            FilterSubject = filterSubject,
            AckPolicy = ConsumerConfigAckPolicy.Explicit,
            DeliverPolicy = ConsumerConfigDeliverPolicy.New,
            AckWait = TimeSpan.FromSeconds(1),
            MaxDeliver = 3,
        }, cancellationToken);
        return name;
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _running;
        _stop.Dispose();
    }

    /// <summary>Stops a host whose connection is gone (a crashed replica): its failure is the point, not a test error.</summary>
    public async ValueTask DisposeQuietlyAsync()
    {
        await _stop.CancelAsync();
        try
        {
            await _running;
        }
        catch (Exception ex) when (ex is ObjectDisposedException or NatsException or InvalidOperationException)
        {
            // The replica died as intended.
        }

        _stop.Dispose();
    }
}

/// <summary>Fails the first delivery of chosen events after the write, before the ack: the redelivery must be a no-op.</summary>
internal sealed class FailAfterWriteOnce(Func<ConsumedEvent, bool> which) : IProcessingInterceptor
{
    public ValueTask BeforeHandleAsync(IReadOnlyList<ConsumedEvent> events, CancellationToken cancellationToken) => ValueTask.CompletedTask;

    public ValueTask AfterHandleAsync(IReadOnlyList<ConsumedEvent> events, CancellationToken cancellationToken) =>
        events.Any(e => e.DeliveryCount == 1 && which(e)) ? throw new InvalidOperationException("injected: crash after the write") : ValueTask.CompletedTask;
}
