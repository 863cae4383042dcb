using NATS.Client.Core;
using NATS.Client.JetStream;
using NATS.Client.KeyValueStore;
using NATS.Net;
using Observability.Contracts.Topology;
using Observability.LoadSimulator.Pipeline;
using Observability.Messaging.Topology;

namespace Observability.LoadSimulator.Faults;

/// <summary>
/// The fault timeline's link to the broker: the fault switchboard bucket, written with retries (the broker may be
/// restarting), and best-effort reads of the faulted consumer's delivery counters for the report.
/// </summary>
internal sealed class FaultConnection : IAsyncDisposable
{
    private static readonly TimeSpan WriteBudget = TimeSpan.FromSeconds(15);
    private static readonly TimeSpan RetryPause = TimeSpan.FromMilliseconds(250);
    private readonly NatsClient _nats;
    private readonly INatsJSContext _js;
    private readonly INatsKVStore _switches;
    private readonly FaultSettings _settings;
    private readonly ILogger _logger;

    private FaultConnection(NatsClient nats, INatsJSContext js, INatsKVStore switches, FaultSettings settings, ILogger logger)
    {
        _nats = nats;
        _js = js;
        _switches = switches;
        _settings = settings;
        _logger = logger;
    }

    /// <summary>Connects and makes sure the kit's topology (and so the switchboard bucket) exists.</summary>
    public static async Task<FaultConnection> ConnectAsync(FaultSettings settings, ILogger logger, CancellationToken cancellationToken)
    {
        var nats = new NatsClient(LoadSimNats.Options(settings.NatsUrl, "loadsim-faults"));
        try
        {
            await nats.ConnectAsync();
            var js = nats.CreateJetStreamContext();
            if (!await JetStreamTopology.IsPresentAsync(js, cancellationToken))
            {
                await JetStreamTopology.EnsureAsync(js, TopologyOptions.Default, cancellationToken);
            }

            var switches = await nats.CreateKeyValueStoreContext().GetStoreAsync(Buckets.Faults, cancellationToken);
            return new FaultConnection(nats, js, switches, settings, logger);
        }
        catch
        {
            await nats.DisposeAsync();
            throw;
        }
    }

    /// <summary>Puts a switch; returns the last error, or null once written.</summary>
    public Task<string?> PutAsync(string id, byte[] value) =>
        WriteAsync(async ct => await _switches.PutAsync(id, value, cancellationToken: ct));

    /// <summary>Deletes a switch; returns the last error, or null once deleted.</summary>
    public Task<string?> DeleteAsync(string id) => WriteAsync(ct => _switches.DeleteAsync(id, cancellationToken: ct));

    /// <summary>Best effort, retried on real time for up to <paramref name="patience"/>: counters are for the report only.</summary>
    public async Task<DeliveryCounters?> TryReadCountersAsync(TimeSpan patience, CancellationToken cancellationToken)
    {
        var deadline = DateTimeOffset.UtcNow + patience;
        while (true)
        {
            try
            {
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                timeout.CancelAfter(TimeSpan.FromSeconds(5));
                return await DeliveryCounters.ReadAsync(_js, _settings.Stream, _settings.Consumer, timeout.Token);
            }
            catch (Exception ex) when (ex is NatsException or TimeoutException or OperationCanceledException)
            {
                if (DateTimeOffset.UtcNow >= deadline || cancellationToken.IsCancellationRequested)
                {
                    return null;
                }

                await Task.Delay(RetryPause, CancellationToken.None);
            }
        }
    }

    public ValueTask DisposeAsync() => _nats.DisposeAsync();

    /// <summary>
    /// Retries on real time within a budget. Never cancelled by the run's end: a switch that was put must be
    /// deleted again.
    /// </summary>
    private async Task<string?> WriteAsync(Func<CancellationToken, ValueTask> write)
    {
        using var budget = new CancellationTokenSource(WriteBudget);
        while (true)
        {
            try
            {
                await write(budget.Token);
                return null;
            }
            catch (Exception ex) when (ex is NatsException or TimeoutException or OperationCanceledException)
            {
                if (budget.IsCancellationRequested)
                {
                    return ex.Message;
                }

                _logger.LogWarning("Fault switch write failed, retrying: {Message}", ex.Message);
                try
                {
                    await Task.Delay(RetryPause, budget.Token);
                }
                catch (OperationCanceledException)
                {
                    return ex.Message;
                }
            }
        }
    }
}
