using NATS.Client.JetStream;
using NATS.Client.KeyValueStore;
using NATS.Net;
using Observability.Contracts.Topology;

namespace Observability.LoadSimulator.Pipeline;

/// <summary>The pipeline plugin's own NATS connection (apart from the load's), for consumer info and read-model gets.</summary>
internal sealed class ProbeConnection : IAsyncDisposable
{
    private readonly NatsClient _nats;
    private INatsKVStore? _summaries;

    private ProbeConnection(NatsClient nats)
    {
        _nats = nats;
        Js = nats.CreateJetStreamContext();
    }

    public INatsJSContext Js { get; }

    public static async Task<ProbeConnection> ConnectAsync(string url)
    {
        var nats = new NatsClient(LoadSimNats.Options(url, "loadsim-probe"));
        try
        {
            await nats.ConnectAsync();
            return new ProbeConnection(nats);
        }
        catch
        {
            await nats.DisposeAsync();
            throw;
        }
    }

    /// <summary>The order-summary bucket, looked up once.</summary>
    public async ValueTask<INatsKVStore> SummariesAsync(CancellationToken cancellationToken) =>
        _summaries ??= await _nats.CreateKeyValueStoreContext().GetStoreAsync(Buckets.OrderSummaries, cancellationToken);

    public ValueTask DisposeAsync() => _nats.DisposeAsync();
}
