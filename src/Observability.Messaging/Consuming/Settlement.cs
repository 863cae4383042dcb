using System.Diagnostics;
using Microsoft.Extensions.Logging;
using NATS.Client.Core;
using NATS.Client.JetStream;
using Observability.Messaging.DeadLetters;

namespace Observability.Messaging.Consuming;

/// <summary>
/// Settles each message by its handler outcome: ack what was applied (or already was), dead-letter what is rejected
/// or out of deliveries, and nak the rest with a growing back-off. A dead letter that cannot be written or recorded is
/// nakked instead, so nothing is lost.
/// </summary>
internal sealed class Settlement(
    INatsJSContext js, ConsumerHostOptions options, IEventHandler handler, ConsumerTelemetry telemetry, ILogger logger)
{
    private readonly DeadLetterWriter _deadLetters = new(js);

    /// <summary>The durable's MaxDeliver (read from the broker at start): the last delivery is dead-lettered, not nakked.</summary>
    public long MaxDeliver { get; set; } = long.MaxValue;

    public bool IsLastDelivery(ConsumedEvent e) => (long)e.DeliveryCount >= MaxDeliver;

    public async ValueTask SettleAsync(ConsumedEvent e, CancellationToken cancellationToken)
    {
        Activity.Current = e.Activity;
        var metrics = telemetry.For(e.Type.Name);
        try
        {
            switch (e.Outcome)
            {
                case HandleOutcome.Applied:
                    await e.Message.AckAsync(cancellationToken: cancellationToken);
                    metrics.Acked.Inc();
                    metrics.Age.Observe(Math.Max(0, (DateTimeOffset.UtcNow - e.EventTime).TotalSeconds));
                    telemetry.Finish(e, metrics, ConsumerMetrics.Outcome.Acked, null);
                    break;
                case HandleOutcome.Duplicate:
                    await e.Message.AckAsync(cancellationToken: cancellationToken);
                    metrics.DuplicateSkipped.Inc();
                    telemetry.Finish(e, metrics, ConsumerMetrics.Outcome.DuplicateSkipped, null);
                    break;
                case HandleOutcome.Rejected:
                    await DeadLetterAsync(e, DeadLetterReason.Rejected, e.Detail, e.Type.Name, cancellationToken);
                    break;
                default:
                    var detail = e.Outcome == HandleOutcome.Pending ? "handler left the event without an outcome" : e.Detail;
                    if (IsLastDelivery(e))
                    {
                        await DeadLetterAsync(e, DeadLetterReason.MaxDeliveries, detail, e.Type.Name, cancellationToken);
                    }
                    else
                    {
                        await NakAsync(e, e.Error?.GetType().Name ?? "handler_failed", cancellationToken);
                    }

                    break;
            }
        }
        finally
        {
            Activity.Current = null;
        }
    }

    public async ValueTask NakAsync(ConsumedEvent e, string errorType, CancellationToken cancellationToken)
    {
        await e.Message.NakAsync(new AckOpts { NakDelay = NakDelay(e.DeliveryCount) }, cancellationToken);
        var metrics = telemetry.For(e.Type?.Name);
        metrics.Nak.Inc();
        telemetry.Finish(e, metrics, ConsumerMetrics.Outcome.Nak, errorType);
    }

    /// <summary>1 s, 2 s, 4 s ... capped: a failing dependency gets room to recover, a flapping one is retried soon.</summary>
    public TimeSpan NakDelay(ulong deliveryCount)
    {
        var exponent = Math.Min(30, (int)Math.Max(0, (long)deliveryCount - 1));
        var ticks = options.NakBaseDelay.Ticks * Math.Pow(2, exponent);
        return ticks >= options.NakMaxDelay.Ticks ? options.NakMaxDelay : TimeSpan.FromTicks((long)ticks);
    }

    /// <summary>Files the message in DEADLETTER and acks it; if the dead letter cannot be written, naks instead so nothing is lost.</summary>
    public async ValueTask DeadLetterAsync(ConsumedEvent e, string reason, string? detail, string? eventType, CancellationToken cancellationToken)
    {
        var msg = e.Message;
        var metrics = telemetry.For(eventType);
        var source = new DeadLetterSource(options.Stream, options.Consumer, e.StreamSequence, e.DeliveryCount, e.Subject);
        var previous = Activity.Current;
        Activity.Current = e.Activity;
        try
        {
            if (!await TryFileAsync(e, source, reason, detail, cancellationToken))
            {
                return;
            }

            await msg.AckAsync(cancellationToken: cancellationToken);
            metrics.DeadLettered.Inc();
            logger.LogWarning("Dead-lettered {Stream}#{Sequence} for {Consumer}: {Reason} {Detail}", options.Stream, e.StreamSequence, options.Consumer, reason, detail);
            telemetry.Finish(e, metrics, ConsumerMetrics.Outcome.DeadLettered, reason);
        }
        finally
        {
            Activity.Current = previous;
        }
    }

    /// <summary>Writes the letter and tells the handler (its read model accounts for the skipped message); naks on failure.</summary>
    private async ValueTask<bool> TryFileAsync(ConsumedEvent e, DeadLetterSource source, string reason, string? detail, CancellationToken cancellationToken)
    {
        try
        {
            await _deadLetters.WriteAsync(source, e.Message.Data ?? [], e.Message.Headers, reason, detail, cancellationToken);
        }
        catch (Exception ex) when (ex is NatsException or TimeoutException)
        {
            logger.LogError(ex, "Could not dead-letter {Stream}#{Sequence} ({Reason}); nak for a later attempt", options.Stream, e.StreamSequence, reason);
            await NakAsync(e, "dead_letter_failed", cancellationToken);
            return false;
        }

        if (handler is not IDeadLetterObserver observer || reason == DeadLetterReason.MaxDeliveries)
        {
            return true;
        }

        try
        {
            await observer.OnDeadLetteredAsync(new DeadLetteredMessage(e.Subject, e.StreamSequence, reason, detail), cancellationToken);
            return true;
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // The letter is filed (a retry files it once again by its dedup id); the read model must learn of it too.
            logger.LogWarning(ex, "Handler of {Stream}/{Consumer} could not record dead letter #{Sequence}; nak for a later attempt", options.Stream, options.Consumer, e.StreamSequence);
            await NakAsync(e, "dead_letter_record_failed", cancellationToken);
            return false;
        }
    }
}
