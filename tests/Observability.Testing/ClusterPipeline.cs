namespace Observability.Testing;

/// <summary>
/// The kit on a three-node cluster, every part a real process: <see cref="NatsCluster"/>, two processor replicas on one
/// durable and the synthetic producer, each given all three node URLs and an R3 topology, as the compose
/// <c>cluster</c> profile runs them.
/// </summary>
public sealed class ClusterPipeline : IAsyncDisposable
{
    private readonly List<ExternalProcess> _processors = [];
    private ExternalProcess? _producer;

    private ClusterPipeline(NatsCluster cluster) => Cluster = cluster;

    public NatsCluster Cluster { get; }

    public IReadOnlyList<ExternalProcess> Processors => _processors;

    public ExternalProcess Producer => _producer ?? throw new InvalidOperationException("the producer is not started");

    /// <summary>What every service of the pipeline is given beside its own settings: R3 streams, buckets and consumers.</summary>
    public static IReadOnlyDictionary<string, string> ClusterSettings { get; } = new Dictionary<string, string> { ["Topology__Replicas"] = "3" };

    /// <summary>Starts the cluster, <paramref name="processorReplicas"/> processors with <paramref name="processorSettings"/>, then the producer with <paramref name="producerSettings"/>.</summary>
    public static async Task<ClusterPipeline> StartAsync(
        IReadOnlyDictionary<string, string> processorSettings, IReadOnlyDictionary<string, string> producerSettings, int processorReplicas, CancellationToken cancellationToken)
    {
        var pipeline = new ClusterPipeline(await NatsCluster.StartAsync(cancellationToken));
        try
        {
            var processors = await Task.WhenAll(Enumerable.Range(0, processorReplicas)
                .Select(_ => KitService.StartAsync("Observability.Processors", pipeline.Cluster.Url, With(processorSettings), cancellationToken)));
            pipeline._processors.AddRange(processors.Select(p => p.Process));
            (pipeline._producer, _) = await KitService.StartAsync("Observability.Producer", pipeline.Cluster.Url, With(producerSettings), cancellationToken);
            return pipeline;
        }
        catch
        {
            await pipeline.DisposeAsync();
            throw;
        }
    }

    private static Dictionary<string, string> With(IReadOnlyDictionary<string, string> settings)
    {
        var all = new Dictionary<string, string>(ClusterSettings);
        foreach (var (key, value) in settings)
        {
            all[key] = value;
        }

        return all;
    }

    public async ValueTask DisposeAsync()
    {
        if (_producer is not null)
        {
            await _producer.DisposeAsync();
        }

        foreach (var process in _processors)
        {
            await process.DisposeAsync();
        }

        await Cluster.DisposeAsync();
    }
}
