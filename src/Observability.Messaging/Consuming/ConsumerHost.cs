using System.Diagnostics;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using NATS.Client.Core;
using NATS.Client.JetStream;
using Observability.Contracts.Orders;
using Observability.Messaging.DeadLetters;
using Observability.Messaging.Envelopes;
using Observability.Messaging.Telemetry;

namespace Observability.Messaging.Consuming;

/// <summary>
/// Runs one durable pull consumer for one handler: pulls in large batches, partitions messages by subject into
/// worker channels (per-key order, cross-key concurrency), decodes CloudEvents headers, dead-letters what can never
/// be processed, traces every message with a Consumer-kind <c>process</c> span, and acks only after the handler's
/// write. Cancelling <see cref="RunAsync"/>'s token is a graceful stop: no more pulls, in-flight messages finish and
/// are acked, then it returns.
/// </summary>
internal sealed class ConsumerHost
{
    private readonly INatsJSContext _js;
    private readonly ConsumerHostOptions _options;
    private readonly IEventHandler _handler;
    private readonly ILogger _logger;
    private readonly DeadLetterWriter _deadLetters;
    private readonly ConsumerTelemetry _telemetry;
    private readonly Action<ConsumedEvent>? _settled;
    private long _maxDeliver = long.MaxValue;
    private TimeSpan _maxHold = TimeSpan.FromMinutes(1);

    public ConsumerHost(INatsJSContext js, ConsumerHostOptions options, IEventHandler handler, ILogger? logger = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(options.Concurrency, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxHandlerBatch, 1);
        _js = js;
        _options = options;
        _handler = handler;
        _logger = logger ?? NullLogger.Instance;
        _deadLetters = new DeadLetterWriter(js);
        _telemetry = new ConsumerTelemetry(options.Stream, options.Consumer);
        _settled = options.Settled;
    }

    public ConsumerHostOptions Options => _options;

    /// <summary>Consumes until <paramref name="stoppingToken"/> is cancelled, then drains gracefully and returns.</summary>
    public async Task RunAsync(CancellationToken stoppingToken)
    {
        var consumer = await _js.GetConsumerAsync(_options.Stream, _options.Consumer, stoppingToken);
        var maxDeliver = consumer.Info.Config.MaxDeliver;
        _maxDeliver = maxDeliver > 0 ? maxDeliver : long.MaxValue;
        // Long enough for a nakked message to come back (its nak delay, or AckWait if the nak was lost).
        _maxHold = consumer.Info.Config.AckWait + _options.NakMaxDelay + _options.NakMaxDelay;

        // The handlers' token: cancelled only when a graceful stop overruns ShutdownTimeout.
        using var hardStop = new CancellationTokenSource();
        using var registration = stoppingToken.Register(() => hardStop.CancelAfter(_options.ShutdownTimeout));

        var channels = new Channel<INatsJSMsg<byte[]>>[_options.Concurrency];
        var workers = new Task[_options.Concurrency];
        for (var i = 0; i < channels.Length; i++)
        {
            channels[i] = Channel.CreateBounded<INatsJSMsg<byte[]>>(new BoundedChannelOptions(_options.MaxHandlerBatch * 2)
            {
                SingleReader = true,
                SingleWriter = true,
                FullMode = BoundedChannelFullMode.Wait,
            });
            var reader = channels[i].Reader;
            workers[i] = Task.Run(() => WorkAsync(reader, hardStop.Token), CancellationToken.None);
        }

        var consumeOpts = new NatsJSConsumeOpts
        {
            MaxMsgs = _options.PullBatchSize,
            // A pull request lost in a broker restart is noticed by its expiry or missed heartbeats: keep that short,
            // or the consumer idles for the client's default 30 s after the broker is back.
            Expires = _options.PullExpiry,
            // Stop pulling on cancel but still hand over what is buffered, so it is processed and acked, not left to AckWait.
            DrainOnCancel = true,
        };

        try
        {
            await foreach (var msg in consumer.ConsumeAsync<byte[]>(opts: consumeOpts, cancellationToken: stoppingToken))
            {
                if (_options.PullGate is { } gate)
                {
                    // E.g. a stall switch: while the gate is shut nothing is dispatched, the client's buffer fills and pulling stops.
                    await gate(stoppingToken);
                }

                var partition = channels.Length == 1 ? 0 : (int)((uint)msg.Subject.GetHashCode() % (uint)channels.Length);
                var writer = channels[partition].Writer;
                if (!writer.TryWrite(msg))
                {
                    await writer.WriteAsync(msg, hardStop.Token);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Graceful stop: fall through to draining the partitions.
        }
        finally
        {
            foreach (var channel in channels)
            {
                channel.Writer.TryComplete();
            }

            await Task.WhenAll(workers);
        }
    }

    private async Task WorkAsync(ChannelReader<INatsJSMsg<byte[]>> reader, CancellationToken cancellationToken)
    {
        var batch = new List<ConsumedEvent>(_options.MaxHandlerBatch);
        var holds = _options.HoldSubjectAfterFailure ? new SubjectHolds(_maxHold) : null;
        try
        {
            while (await reader.WaitToReadAsync(CancellationToken.None))
            {
                batch.Clear();
                try
                {
                    while (batch.Count < _options.MaxHandlerBatch && reader.TryRead(out var msg))
                    {
                        var consumed = await DecodeAsync(msg, cancellationToken);
                        if (consumed is not null)
                        {
                            batch.Add(consumed);
                        }
                    }

                    if (batch.Count > 0)
                    {
                        await HandleAsync(batch, holds, cancellationToken);
                    }
                }
                catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
                {
                    // E.g. an ack lost to a disconnect. A dead worker would stall its partition (and, once its channel
                    // fills, the whole consumer); unsettled messages are redelivered after AckWait, so carry on.
                    _logger.LogError(ex, "Partition worker of {Stream}/{Consumer} failed on a batch of {Count}", _options.Stream, _options.Consumer, batch.Count);
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

    /// <summary>Reads the CloudEvents headers and payload; dead-letters (and acks) what can never be processed.</summary>
    private async ValueTask<ConsumedEvent?> DecodeAsync(INatsJSMsg<byte[]> msg, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        var metadata = msg.Metadata ?? throw new InvalidOperationException("JetStream message without metadata");
        var consumed = new ConsumedEvent(msg, metadata, started) { Template = _options.DestinationTemplate(msg.Subject) };
        consumed.Activity = StartActivity(consumed, msg.Headers);
        if (metadata.NumDelivered > 1)
        {
            _telemetry.Redeliveries.Inc();
        }

        var envelope = EnvelopeDecoder.Decode(msg.Headers, msg.Data ?? [], _options.ValidateSchemas);
        if (envelope.EventId is not null)
        {
            consumed.EventId = envelope.EventId;
        }

        if (consumed.Activity is { IsAllDataRequested: true } a && envelope.EventId is not null)
        {
            a.SetTag(KitActivities.MessageId, envelope.EventId);
            a.SetTag(KitActivities.EventType, envelope.TypeName);
        }

        if (!envelope.IsReadable)
        {
            await DeadLetterAsync(consumed, envelope.FailureReason!, envelope.FailureDetail, envelope.Type?.Name, cancellationToken);
            return null;
        }

        consumed.Type = envelope.Type!;
        consumed.Event = envelope.Event!;
        consumed.EventTime = envelope.EventTime;
        consumed.PreviousSubjectSequence = envelope.PreviousSubjectSequence;
        if (envelope.Event is IOrderEvent order && consumed.Activity is { IsAllDataRequested: true } activity)
        {
            activity.SetTag(KitActivities.OrderId, order.OrderId);
        }

        return consumed;
    }

    private Activity? StartActivity(ConsumedEvent consumed, NatsHeaders? headers)
    {
        var source = KitActivities.Source;
        if (!source.HasListeners())
        {
            return null;
        }

        var remote = TraceContext.Extract(headers);
        // Without an explicit parent, StartActivity would adopt whatever span is current (e.g. the previous message's).
        Activity.Current = null;
        Activity? activity;
        if (_options.Tracing == TraceParenting.Parent || remote == default)
        {
            activity = source.StartActivity(_telemetry.SpanName(consumed.Template), ActivityKind.Consumer, remote);
        }
        else
        {
            activity = source.StartActivity(_telemetry.SpanName(consumed.Template), ActivityKind.Consumer, default(ActivityContext), links: [new ActivityLink(remote)]);
        }

        if (activity is { IsAllDataRequested: true })
        {
            activity.SetTag(KitActivities.MessagingSystem, KitActivities.MessagingSystemNats);
            activity.SetTag(KitActivities.OperationName, "process");
            activity.SetTag(KitActivities.OperationType, "process");
            activity.SetTag(KitActivities.DestinationName, consumed.Subject);
            activity.SetTag(KitActivities.DestinationTemplate, consumed.Template);
            activity.SetTag(KitActivities.ConsumerGroup, _options.Consumer);
            activity.SetTag(KitActivities.StreamName, _options.Stream);
            activity.SetTag(KitActivities.StreamSequence, consumed.StreamSequence);
            activity.SetTag(KitActivities.DeliveryCount, consumed.DeliveryCount);
        }

        return activity;
    }

    private async Task HandleAsync(List<ConsumedEvent> batch, SubjectHolds? holds, CancellationToken cancellationToken)
    {
        if (holds is { IsEmpty: false })
        {
            batch = await HoldBackAsync(batch, holds, cancellationToken);
            if (batch.Count == 0)
            {
                return;
            }
        }

        // One event: its span is current, so spans the handler starts (e.g. the KV write) nest under it.
        Activity.Current = batch.Count == 1 ? batch[0].Activity : null;
        try
        {
            foreach (var interceptor in _options.Interceptors)
            {
                await interceptor.BeforeHandleAsync(batch, cancellationToken);
            }

            await _handler.HandleAsync(batch, cancellationToken);
            foreach (var interceptor in _options.Interceptors)
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

            _logger.LogWarning(ex, "Handler of {Stream}/{Consumer} failed for {Count} message(s)", _options.Stream, _options.Consumer, batch.Count);
        }
        finally
        {
            Activity.Current = null;
        }

        foreach (var e in batch)
        {
            await CompleteAsync(e, cancellationToken);
            if (holds is not null)
            {
                if (e.Outcome is HandleOutcome.Failed or HandleOutcome.Pending && (long)e.DeliveryCount < _maxDeliver)
                {
                    holds.Hold(e);
                }
                else
                {
                    holds.Release(e);
                }
            }
        }
    }

    /// <summary>Naks the messages whose subject waits for an earlier redelivery; returns the rest.</summary>
    private async Task<List<ConsumedEvent>> HoldBackAsync(List<ConsumedEvent> batch, SubjectHolds holds, CancellationToken cancellationToken)
    {
        List<ConsumedEvent>? ready = null;
        for (var i = 0; i < batch.Count; i++)
        {
            var e = batch[i];
            // On its last delivery a message goes through: a late apply beats a healthy event being dead-lettered.
            if (holds.MustWait(e) && (long)e.DeliveryCount < _maxDeliver)
            {
                ready ??= batch.GetRange(0, i);
                Activity.Current = e.Activity;
                await NakAsync(e, "held_behind_failure", cancellationToken);
                Activity.Current = null;
            }
            else
            {
                ready?.Add(e);
            }
        }

        return ready ?? batch;
    }

    private async ValueTask CompleteAsync(ConsumedEvent e, CancellationToken cancellationToken)
    {
        var activity = e.Activity;
        Activity.Current = activity;
        var metrics = _telemetry.For(e.Type.Name);
        try
        {
            switch (e.Outcome)
            {
                case HandleOutcome.Applied:
                    await e.Message.AckAsync(cancellationToken: cancellationToken);
                    metrics.Acked.Inc();
                    metrics.Age.Observe(Math.Max(0, (DateTimeOffset.UtcNow - e.EventTime).TotalSeconds));
                    Finish(e, metrics, KitMetrics.ProcessOutcome.Acked, null);
                    break;
                case HandleOutcome.Duplicate:
                    await e.Message.AckAsync(cancellationToken: cancellationToken);
                    metrics.DuplicateSkipped.Inc();
                    Finish(e, metrics, KitMetrics.ProcessOutcome.DuplicateSkipped, null);
                    break;
                case HandleOutcome.Rejected:
                    await DeadLetterAsync(e, KitMetrics.DeadLetterReason.Rejected, e.Detail, e.Type.Name, cancellationToken);
                    break;
                default:
                    var detail = e.Outcome == HandleOutcome.Pending ? "handler left the event without an outcome" : e.Detail;
                    if ((long)e.DeliveryCount >= _maxDeliver)
                    {
                        await DeadLetterAsync(e, KitMetrics.DeadLetterReason.MaxDeliveries, detail, e.Type.Name, cancellationToken);
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

    private async ValueTask NakAsync(ConsumedEvent e, string errorType, CancellationToken cancellationToken)
    {
        var delay = NakDelay(e.DeliveryCount);
        await e.Message.NakAsync(new AckOpts { NakDelay = delay }, cancellationToken);
        var metrics = _telemetry.For(e.Type?.Name ?? ConsumerTelemetry.UnknownEventType);
        metrics.Nak.Inc();
        Finish(e, metrics, KitMetrics.ProcessOutcome.Nak, errorType);
    }

    /// <summary>1 s, 2 s, 4 s ... capped: a failing dependency gets room to recover, a flapping one is retried soon.</summary>
    internal TimeSpan NakDelay(ulong deliveryCount)
    {
        var exponent = Math.Min(30, (int)Math.Max(0, (long)deliveryCount - 1));
        var ticks = _options.NakBaseDelay.Ticks * Math.Pow(2, exponent);
        return ticks >= _options.NakMaxDelay.Ticks ? _options.NakMaxDelay : TimeSpan.FromTicks((long)ticks);
    }

    /// <summary>Files the message in DEADLETTER and acks it; if the dead letter cannot be written, naks instead so nothing is lost.</summary>
    private async ValueTask DeadLetterAsync(ConsumedEvent e, string reason, string? detail, string? eventType, CancellationToken cancellationToken)
    {
        var msg = e.Message;
        var metrics = _telemetry.For(eventType ?? ConsumerTelemetry.UnknownEventType);
        var source = new DeadLetterSource(_options.Stream, _options.Consumer, e.StreamSequence, e.DeliveryCount, e.Subject);
        var previous = Activity.Current;
        Activity.Current = e.Activity;
        try
        {
            await _deadLetters.WriteAsync(source, msg.Data ?? [], msg.Headers, reason, detail, cancellationToken);
        }
        catch (Exception ex) when (ex is NatsException or TimeoutException)
        {
            _logger.LogError(ex, "Could not dead-letter {Stream}#{Sequence} ({Reason}); nak for a later attempt", _options.Stream, e.StreamSequence, reason);
            await NakAsync(e, "dead_letter_failed", cancellationToken);
            Activity.Current = previous;
            return;
        }

        if (_handler is IDeadLetterObserver observer && reason != KitMetrics.DeadLetterReason.MaxDeliveries)
        {
            try
            {
                await observer.OnDeadLetteredAsync(new DeadLetteredMessage(e.Subject, e.StreamSequence, reason, detail), cancellationToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                // The letter is filed (a retry files it once again by its dedup id); the read model must learn of it too.
                _logger.LogWarning(ex, "Handler of {Stream}/{Consumer} could not record dead letter #{Sequence}; nak for a later attempt", _options.Stream, _options.Consumer, e.StreamSequence);
                await NakAsync(e, "dead_letter_record_failed", cancellationToken);
                Activity.Current = previous;
                return;
            }
        }

        await msg.AckAsync(cancellationToken: cancellationToken);
        metrics.DeadLettered.Inc();
        _logger.LogWarning("Dead-lettered {Stream}#{Sequence} for {Consumer}: {Reason} {Detail}", _options.Stream, e.StreamSequence, _options.Consumer, reason, detail);
        Finish(e, metrics, KitMetrics.ProcessOutcome.DeadLettered, reason);
        Activity.Current = previous;
    }

    private void Finish(ConsumedEvent e, ConsumerTelemetry.ByType metrics, string outcome, string? errorType)
    {
        metrics.Duration.Observe(Stopwatch.GetElapsedTime(e.StartedAt).TotalSeconds);
        if (e.Activity is { } activity)
        {
            activity.SetTag(KitActivities.Outcome, outcome);
            if (errorType is not null)
            {
                activity.SetTag(KitActivities.ErrorType, errorType);
                activity.SetStatus(ActivityStatusCode.Error, errorType);
            }

            activity.Stop();
        }

        _settled?.Invoke(e);
    }
}
