using System.Diagnostics;
using NATS.Client.Core;
using NATS.Net;
using Observability.Contracts.Orders;
using Observability.Messaging.Publishing;

namespace Observability.Cluster.Tests;

/// <summary>
/// Publishes one small order event to ORDERS every 20 ms without retrying (1 s timeout), connected to every node, and
/// records each outcome: the publish-error window is the longest time between two acked publishes, and the number of
/// publishes that failed. Its orders carry their own run id, so the producer's audit does not count them.
/// </summary>
internal sealed class PublishProbe : IAsyncDisposable
{
    public const string RunId = "cluster-probe";

    private readonly NatsClient _client;
    private readonly CancellationTokenSource _stop = new();
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly List<TimeSpan> _acked = [];
    private readonly Task _loop;
    private int _failed;

    private PublishProbe(string url)
    {
        _client = new NatsClient(new NatsOpts { Url = url, Name = "publish-probe", RequestTimeout = TimeSpan.FromSeconds(1) });
        _loop = Task.Run(RunAsync);
    }

    public static PublishProbe Start(NatsCluster cluster) => new(cluster.Url);

    /// <summary>Stops publishing and returns what was seen.</summary>
    public async Task<PublishProbeResult> StopAsync()
    {
        await _stop.CancelAsync();
        await _loop;
        var gaps = _acked.Zip(_acked.Skip(1), (a, b) => b - a);
        return new PublishProbeResult(_acked.Count, _failed, gaps.DefaultIfEmpty(TimeSpan.Zero).Max());
    }

    private async Task RunAsync()
    {
        var publisher = new EventPublisher(_client.CreateJetStreamContext());
        var prefix = "probe-" + Guid.NewGuid().ToString("N")[..8];
        for (var n = 0; !_stop.IsCancellationRequested; n++)
        {
            try
            {
                var id = $"{prefix}-{n}";
                await publisher.PublishAsync(
                    new OrderPlaced(id, "c-probe", [new OrderLine("SKU-PROBE", 1, 1m)], 1m, "EUR", DateTimeOffset.UtcNow),
                    new PublishOptions { RunId = RunId }, _stop.Token);
                _acked.Add(_clock.Elapsed);
            }
            catch (PublishFailedException)
            {
                _failed++;
            }
            catch (OperationCanceledException) when (_stop.IsCancellationRequested)
            {
                return;
            }

            try
            {
                await Task.Delay(20, _stop.Token);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _loop;
        await _client.DisposeAsync();
        _stop.Dispose();
    }
}

/// <summary>What a <see cref="PublishProbe"/> saw: acked and failed publishes, and the longest stretch without an ack.</summary>
internal sealed record PublishProbeResult(int Acked, int Failed, TimeSpan ErrorWindow);
