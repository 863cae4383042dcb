using System.Diagnostics;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using NATS.Client.JetStream;

namespace Observability.Messaging.Consuming;

/// <summary>
/// One partition of a consumer: takes what is waiting in its channel as a micro-batch, decodes it, holds back what
/// must wait for an earlier redelivery of its subject, runs the handler (inside the interceptors) and settles each
/// message. Single-threaded, so one subject's messages are handled in stream order.
/// </summary>
internal sealed class PartitionWorker(
    ConsumerHostOptions options, IEventHandler handler, MessageDecoder decoder, Settlement settlement, SubjectOrdering? ordering, ILogger logger)
{
    public async Task RunAsync(ChannelReader<INatsJSMsg<byte[]>> reader, CancellationToken cancellationToken)
    {
        var batch = new List<ConsumedEvent>(options.MaxHandlerBatch);
        try
        {
            while (await reader.WaitToReadAsync(CancellationToken.None))
            {
                batch.Clear();
                try
                {
                    while (batch.Count < options.MaxHandlerBatch && reader.TryRead(out var msg))
                    {
                        if (await decoder.DecodeAsync(msg, cancellationToken) is { } consumed)
                        {
                            batch.Add(consumed);
                        }
                    }

                    if (batch.Count > 0)
                    {
                        await HandleAsync(batch, cancellationToken);
                    }
                }
                catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
                {
                    // E.g. an ack lost to a disconnect. A dead worker would stall its partition (and, once its channel
                    // fills, the whole consumer); unsettled messages are redelivered after AckWait, so carry on.
                    logger.LogError(ex, "Partition worker of {Stream}/{Consumer} failed on a batch of {Count}", options.Stream, options.Consumer, batch.Count);
                    foreach (var e in batch)
                    {
                        e.Activity?.Stop();
                    }
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Shutdown overran its timeout: what is left is not acked and the broker redelivers it after AckWait.
        }
    }

    private async Task HandleAsync(List<ConsumedEvent> batch, CancellationToken cancellationToken)
    {
        if (ordering is not null)
        {
            batch = await ordering.HoldBackAsync(batch, cancellationToken);
            if (batch.Count == 0)
            {
                return;
            }
        }

        await RunHandlerAsync(batch, cancellationToken);
        foreach (var e in batch)
        {
            await settlement.SettleAsync(e, cancellationToken);
            ordering?.Settled(e);
        }
    }

    /// <summary>Runs the handler inside the interceptors; a failure marks every unsettled event failed (redelivered later).</summary>
    private async Task RunHandlerAsync(List<ConsumedEvent> batch, CancellationToken cancellationToken)
    {
        // One event: its span is current, so spans the handler starts (e.g. the KV write) nest under it.
        Activity.Current = batch.Count == 1 ? batch[0].Activity : null;
        try
        {
            foreach (var interceptor in options.Interceptors)
            {
                await interceptor.BeforeHandleAsync(batch, cancellationToken);
            }

            await handler.HandleAsync(batch, cancellationToken);
            foreach (var interceptor in options.Interceptors)
            {
                await interceptor.AfterHandleAsync(batch, cancellationToken);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception ex)
        {
            // Whatever was written is not acked: the redelivery must find it already applied (idempotent writes).
            foreach (var e in batch)
            {
                if (e.Outcome is HandleOutcome.Pending or HandleOutcome.Applied or HandleOutcome.Duplicate)
                {
                    e.Fail(ex);
                }
            }

            logger.LogWarning(ex, "Handler of {Stream}/{Consumer} failed for {Count} message(s)", options.Stream, options.Consumer, batch.Count);
        }
        finally
        {
            Activity.Current = null;
        }
    }
}
