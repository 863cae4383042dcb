using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Observability.Messaging.Consuming;

/// <summary>Runs a <see cref="ConsumerHost"/> for the application's lifetime and restarts it after a failure (e.g. the consumer did not exist yet).</summary>
internal sealed class ConsumerHostedService(
    ConsumerHost host, ILogger<ConsumerHostedService> logger, Func<CancellationToken, Task>? ready = null, Replay.ReplayResponder? replay = null) : BackgroundService
{
    private static readonly TimeSpan RetryDelay = TimeSpan.FromSeconds(2);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (ready is not null)
        {
            try
            {
                // E.g. the topology initializer: consuming before the durable exists would only log failures.
                await ready(stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }

        var replaying = replay is null ? Task.CompletedTask : RunReplayAsync(replay, stoppingToken);
        await ConsumeAsync(stoppingToken);
        await replaying;
    }

    private async Task ConsumeAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await host.RunAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                logger.LogError(ex, "Consumer {Stream}/{Consumer} failed; restarting in {Delay}", host.Options.Stream, host.Options.Consumer, RetryDelay);
                try
                {
                    await Task.Delay(RetryDelay, stoppingToken);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    /// <summary>Serves replay requests beside the consumer; a broken subscription is opened again.</summary>
    private async Task RunReplayAsync(Replay.ReplayResponder responder, CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await responder.RunAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                logger.LogError(ex, "Replay responder of {Consumer} failed; restarting in {Delay}", host.Options.Consumer, RetryDelay);
                try
                {
                    await Task.Delay(RetryDelay, stoppingToken);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }
}
