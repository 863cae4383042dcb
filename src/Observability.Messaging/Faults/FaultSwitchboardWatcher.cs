using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using NATS.Client.JetStream;
using NATS.Client.KeyValueStore;

namespace Observability.Messaging.Faults;

/// <summary>
/// Feeds the <see cref="FaultSwitchboard"/> from its KV bucket: one watch on all keys (a multi-key watch needs a
/// newer server than 2.9), re-established after a failure, plus a sweep that retires expired switches even when the
/// bucket stays silent.
/// </summary>
internal sealed class FaultSwitchboardWatcher(INatsJSContext js, FaultSwitchboard board, string bucket, ILogger<FaultSwitchboardWatcher> logger) : BackgroundService
{
    private static readonly TimeSpan RetryDelay = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan SweepInterval = TimeSpan.FromMilliseconds(250);

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(WatchAsync(stoppingToken), SweepAsync(stoppingToken));

    private async Task WatchAsync(CancellationToken stoppingToken)
    {
        var kv = new NatsKVContext(js);
        var failures = 0;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var store = await kv.GetStoreAsync(bucket, stoppingToken);
                failures = 0;
                // Every key's latest value (or delete marker) first, then live changes.
                await foreach (var entry in store.WatchAsync<byte[]>(">", cancellationToken: stoppingToken))
                {
                    board.Apply(entry.Key, entry.Operation == NatsKVOperation.Put ? entry.Value : null, entry.Revision);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                // Typically the bucket does not exist yet (the topology is still being created): say so once, then quietly retry.
                if (failures++ == 0)
                {
                    logger.LogWarning(ex, "Fault switchboard cannot watch bucket {Bucket}; retrying every {Delay}", bucket, RetryDelay);
                }

                try
                {
                    await Task.Delay(RetryDelay, board.Time, stoppingToken);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    private async Task SweepAsync(CancellationToken stoppingToken)
    {
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                await Task.Delay(SweepInterval, board.Time, stoppingToken);
                board.Sweep();
            }
        }
        catch (OperationCanceledException)
        {
            // Stopping.
        }
    }
}
