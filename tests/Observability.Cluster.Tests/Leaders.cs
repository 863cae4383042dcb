using System.Diagnostics;
using NATS.Client.Core;
using NATS.Client.JetStream;
using NATS.Net;

namespace Observability.Cluster.Tests;

/// <summary>Asks the cluster which node leads a stream or a consumer, and times how long a new leader takes.</summary>
internal sealed class Leaders : IAsyncDisposable
{
    private readonly NatsClient _client;
    private readonly INatsJSContext _js;

    public Leaders(NatsCluster cluster)
    {
        // Short requests: during an election an unanswered request is retried, not waited on for the default 5 s.
        _client = new NatsClient(new NatsOpts { Url = cluster.Url, Name = "leaders", RequestTimeout = TimeSpan.FromMilliseconds(500) });
        _js = _client.CreateJetStreamContext();
    }

    public async Task<string?> OfStreamAsync(string stream, CancellationToken cancellationToken) =>
        (await _js.GetStreamAsync(stream, cancellationToken: cancellationToken)).Info.Cluster?.Leader;

    public async Task<string?> OfConsumerAsync(string stream, string consumer, CancellationToken cancellationToken) =>
        (await _js.GetConsumerAsync(stream, consumer, cancellationToken)).Info.Cluster?.Leader;

    /// <summary>Polls <paramref name="leader"/> until it names a node other than <paramref name="lost"/>; returns it and the time since <paramref name="since"/>.</summary>
    public static async Task<(string Leader, TimeSpan After)> WaitNewAsync(Func<CancellationToken, Task<string?>> leader, string lost, Stopwatch since, CancellationToken cancellationToken)
    {
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            try
            {
                if (await leader(cancellationToken) is { Length: > 0 } current && current != lost)
                {
                    return (current, since.Elapsed);
                }
            }
            catch (Exception ex) when (ex is NatsException or TimeoutException && !cancellationToken.IsCancellationRequested)
            {
                // No answer during the election: ask again.
            }

            await Task.Delay(25, cancellationToken);
        }
    }

    /// <summary>True when every replica of the stream, the leader's peers included, is current, online and not one operation behind.</summary>
    public async Task<bool> AllCurrentAsync(string stream, CancellationToken cancellationToken)
    {
        try
        {
            var cluster = (await _js.GetStreamAsync(stream, cancellationToken: cancellationToken)).Info.Cluster;
            return cluster is { Leader.Length: > 0, Replicas: { Count: 2 } replicas } && replicas.All(r => r.Current && !r.Offline && r.Lag == 0);
        }
        catch (Exception ex) when (ex is NatsException or TimeoutException && !cancellationToken.IsCancellationRequested)
        {
            return false;
        }
    }

    public ValueTask DisposeAsync() => _client.DisposeAsync();
}
