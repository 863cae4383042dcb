using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using NATS.Client.JetStream;
using Observability.Messaging.Topology;

namespace Observability.ServiceDefaults;

/// <summary>
/// Creates or updates the JetStream topology when the service starts, retrying until the broker answers, so
/// <c>docker compose up</c> and the local script need no manual step. <see cref="Ready"/> completes once it is there.
/// </summary>
public sealed class TopologyInitializer(INatsJSContext js, TopologyOptions options, ILogger<TopologyInitializer> logger) : IHostedService
{
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly CancellationTokenSource _stopping = new();

    /// <summary>Completes when the topology exists; hosted services that consume wait on it.</summary>
    public Task Ready => _ready.Task;

    public bool IsReady => _ready.Task.IsCompletedSuccessfully;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        // Try once inline so a healthy broker gives a ready service at once; otherwise keep trying in the background.
        if (await TryEnsureAsync(cancellationToken))
        {
            return;
        }

        _ = Task.Run(() => RetryAsync(_stopping.Token), CancellationToken.None);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync();
        _ready.TrySetCanceled(cancellationToken);
    }

    private async Task RetryAsync(CancellationToken cancellationToken)
    {
        var delay = TimeSpan.FromMilliseconds(250);
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(delay, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            if (await TryEnsureAsync(cancellationToken))
            {
                return;
            }

            delay = TimeSpan.FromMilliseconds(Math.Min(delay.TotalMilliseconds * 2, 5000));
        }
    }

    private async Task<bool> TryEnsureAsync(CancellationToken cancellationToken)
    {
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(10));
            await JetStreamTopology.EnsureAsync(js, options, timeout.Token);
            logger.LogInformation("JetStream topology ensured (replicas {Replicas})", options.Replicas);
            _ready.TrySetResult();
            return true;
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            logger.LogWarning("JetStream topology not ensured yet: {Error}", ex.Message);
            return false;
        }
    }
}
