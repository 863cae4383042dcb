using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using NATS.Client.JetStream;

namespace Observability.Messaging.Consuming;

/// <summary>
/// Runs one durable pull consumer for one handler: pulls in large batches and partitions messages by subject into
/// <see cref="PartitionWorker"/>s (per-key order, cross-key concurrency). Each worker decodes
/// (<see cref="MessageDecoder"/>), keeps subject order across naks (<see cref="SubjectOrdering"/>), runs the handler
/// and settles (<see cref="Settlement"/>: ack only after the handler's write, nak with back-off, dead letter), traced
/// and measured by <see cref="ConsumerTelemetry"/>. Cancelling <see cref="RunAsync"/>'s token is a graceful stop: no
/// more pulls, in-flight messages finish and are acked, then it returns.
/// </summary>
public sealed class ConsumerHost
{
    private readonly INatsJSContext _js;
    private readonly ConsumerHostOptions _options;
    private readonly IEventHandler _handler;
    private readonly ILogger _logger;
    private readonly ConsumerTelemetry _telemetry;
    private readonly Settlement _settlement;

    public ConsumerHost(INatsJSContext js, ConsumerHostOptions options, IEventHandler handler, ILogger? logger = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(options.Concurrency, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxHandlerBatch, 1);
        _js = js;
        _options = options;
        _handler = handler;
        _logger = logger ?? NullLogger.Instance;
        _telemetry = new ConsumerTelemetry(options);
        _settlement = new Settlement(js, options, handler, _telemetry, _logger);
    }

    public ConsumerHostOptions Options => _options;

    /// <summary>Consumes until <paramref name="stoppingToken"/> is cancelled, then drains gracefully and returns.</summary>
    public async Task RunAsync(CancellationToken stoppingToken)
    {
        var consumer = await _js.GetConsumerAsync(_options.Stream, _options.Consumer, stoppingToken);
        var maxDeliver = consumer.Info.Config.MaxDeliver;
        _settlement.MaxDeliver = maxDeliver > 0 ? maxDeliver : long.MaxValue;
        // Long enough for a nakked message to come back (its nak delay, or AckWait if the nak was lost).
        var maxHold = consumer.Info.Config.AckWait + _options.NakMaxDelay + _options.NakMaxDelay;

        // The handlers' token: cancelled only when a graceful stop overruns ShutdownTimeout.
        using var hardStop = new CancellationTokenSource();
        using var registration = stoppingToken.Register(() => hardStop.CancelAfter(_options.ShutdownTimeout));

        var decoder = new MessageDecoder(_options, _telemetry, _settlement);
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
            var ordering = _options.HoldSubjectAfterFailure ? new SubjectOrdering(maxHold, _settlement) : null;
            var worker = new PartitionWorker(_options, _handler, decoder, _settlement, ordering, _logger);
            var reader = channels[i].Reader;
            workers[i] = Task.Run(() => worker.RunAsync(reader, hardStop.Token), CancellationToken.None);
        }

        try
        {
            await PullAsync(consumer, channels, hardStop.Token, stoppingToken);
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

    private async Task PullAsync(INatsJSConsumer consumer, Channel<INatsJSMsg<byte[]>>[] channels, CancellationToken hardStop, CancellationToken stoppingToken)
    {
        var consumeOpts = new NatsJSConsumeOpts
        {
            MaxMsgs = _options.PullBatchSize,
            // A pull request lost in a broker restart is noticed by its expiry or missed heartbeats: keep that short,
            // or the consumer idles for the client's default 30 s after the broker is back.
            Expires = _options.PullExpiry,
            // Stop pulling on cancel but still hand over what is buffered, so it is processed and acked, not left to AckWait.
            DrainOnCancel = true,
        };

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
                await writer.WriteAsync(msg, hardStop);
            }
        }
    }
}
