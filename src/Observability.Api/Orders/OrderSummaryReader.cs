using System.Text.Json;
using NATS.Client.JetStream;
using NATS.Client.JetStream.Models;
using NATS.Client.KeyValueStore;
using Observability.Contracts.Events;
using Observability.Contracts.Orders;
using Observability.Contracts.Topology;

namespace Observability.Api.Orders;

/// <summary>
/// The query side's access to the order-summary projection (KV <c>order-summaries</c>) and, for read-your-writes, to
/// the position of the order in the event store. Waiting uses a single-key KV watch (a multi-key watch fails on
/// nats-server 2.9), which delivers the current value first, so no update can slip between read and watch.
/// </summary>
public sealed class OrderSummaryReader(INatsKVContext kv, INatsJSContext js)
{
    private INatsKVStore? _store;
    private INatsJSStream? _orders;

    /// <summary>The summary as the projection holds it now, or null when it has none.</summary>
    public async Task<OrderSummary?> GetAsync(string orderId, CancellationToken cancellationToken)
    {
        var store = await StoreAsync(cancellationToken);
        var result = await store.TryGetEntryAsync<byte[]>(orderId, cancellationToken: cancellationToken);
        return result.Success ? Parse(result.Value) : null;
    }

    /// <summary>Stream sequence of the order's newest event in the event store, or null when it has none.</summary>
    public async Task<ulong?> LastStoredSequenceAsync(string orderId, CancellationToken cancellationToken)
    {
        var orders = _orders ??= await js.GetStreamAsync(Streams.Orders, cancellationToken: cancellationToken);
        try
        {
            var msg = await orders.GetDirectAsync<byte[]>(new StreamMsgGetRequest { LastBySubj = Subjects.Order(orderId) }, cancellationToken: cancellationToken);
            if (msg.Headers is null || msg.Headers.Code == 404 || !msg.Headers.TryGetValue("Nats-Sequence", out var seq))
            {
                return null;
            }

            return ulong.Parse(seq.ToString(), System.Globalization.CultureInfo.InvariantCulture);
        }
        catch (NatsJSApiException ex) when (ex.Error.Code == 404)
        {
            return null;
        }
    }

    /// <summary>
    /// Waits until the projection has applied <paramref name="target"/> or <paramref name="wait"/> passes.
    /// Returns whether it got there and the newest summary seen.
    /// </summary>
    public async Task<(bool Reached, OrderSummary? Latest)> WaitForAsync(string orderId, ulong target, TimeSpan wait, CancellationToken cancellationToken)
    {
        var store = await StoreAsync(cancellationToken);
        OrderSummary? latest = null;
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(wait);
        try
        {
            await foreach (var entry in store.WatchAsync<byte[]>(orderId, cancellationToken: timeout.Token))
            {
                if (entry.Operation != NatsKVOperation.Put || Parse(entry) is not { } summary)
                {
                    continue;
                }

                latest = summary;
                if (summary.LastAppliedSequence >= target)
                {
                    return (true, summary);
                }
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // The wait is over: answer with what we have.
        }

        return (false, latest);
    }

    private async ValueTask<INatsKVStore> StoreAsync(CancellationToken cancellationToken) =>
        _store ??= await kv.GetStoreAsync(Buckets.OrderSummaries, cancellationToken);

    private static OrderSummary? Parse(NatsKVEntry<byte[]> entry) =>
        entry.Value is { Length: > 0 } data ? JsonSerializer.Deserialize(data, KitJson.Default.OrderSummary) : null;
}
