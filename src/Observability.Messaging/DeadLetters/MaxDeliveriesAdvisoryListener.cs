using System.Text.Json;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using NATS.Client.Core;
using NATS.Client.JetStream;
using NATS.Client.JetStream.Models;
using Observability.Messaging.Consuming;

namespace Observability.Messaging.DeadLetters;

/// <summary>
/// Dead-letters messages whose LAST delivery was never answered (the processor crashed or overran AckWait), which the
/// consumer path cannot see. The broker announces them on <c>$JS.EVENT.ADVISORY.CONSUMER.MAX_DELIVERIES.&lt;stream&gt;.&lt;consumer&gt;</c>
/// with the stream sequence only; the message is fetched by sequence and filed with reason <c>max_deliveries</c>.
/// The dead letter's message id makes a second filing by the consumer path a no-op. On nats-server 2.9 the advisory
/// fires only while a pull request is outstanding, i.e. while some replica is consuming.
/// </summary>
internal sealed class MaxDeliveriesAdvisoryListener(
    INatsConnection connection, INatsJSContext js, IReadOnlyList<DurableName> durables, ILogger<MaxDeliveriesAdvisoryListener>? logger = null) : BackgroundService
{
    public const string AdvisoryPrefix = "$JS.EVENT.ADVISORY.CONSUMER.MAX_DELIVERIES.";

    private readonly DeadLetterWriter _writer = new(js);
    private readonly ILogger _logger = (ILogger?)logger ?? NullLogger.Instance;
    private readonly TaskCompletionSource _subscribed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes once every advisory subscription is registered with the server.</summary>
    public Task Subscribed => _subscribed.Task;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var subscriptions = new List<INatsSub<byte[]>>();
        try
        {
            foreach (var durable in durables)
            {
                subscriptions.Add(await connection.SubscribeCoreAsync<byte[]>($"{AdvisoryPrefix}{durable.Stream}.{durable.Consumer}", cancellationToken: stoppingToken));
            }

            await connection.PingAsync(stoppingToken);
            _subscribed.TrySetResult();
            await Task.WhenAll(subscriptions.Select(s => ListenAsync(s, stoppingToken)));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        finally
        {
            foreach (var subscription in subscriptions)
            {
                await subscription.DisposeAsync();
            }
        }
    }

    private async Task ListenAsync(INatsSub<byte[]> subscription, CancellationToken cancellationToken)
    {
        await foreach (var msg in subscription.Msgs.ReadAllAsync(cancellationToken))
        {
            try
            {
                await HandleAsync(msg.Data ?? [], cancellationToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                _logger.LogError(ex, "Could not dead-letter from advisory {Subject}", msg.Subject);
            }
        }
    }

    internal async Task HandleAsync(byte[] advisory, CancellationToken cancellationToken)
    {
        using var document = JsonDocument.Parse(advisory);
        var root = document.RootElement;
        var stream = root.GetProperty("stream").GetString()!;
        var consumer = root.GetProperty("consumer").GetString()!;
        var sequence = root.GetProperty("stream_seq").GetUInt64();
        var deliveries = root.TryGetProperty("deliveries", out var d) ? d.GetUInt64() : 0;

        var source = await js.GetStreamAsync(stream, cancellationToken: cancellationToken);
        StoredMessage message;
        try
        {
            message = (await source.GetAsync(new StreamMsgGetRequest { Seq = sequence }, cancellationToken)).Message;
        }
        catch (NatsJSApiException ex) when (ex.Error.Code == 404)
        {
            // Gone already (e.g. clickstream retention): nothing left to file.
            _logger.LogWarning("{Stream}#{Sequence} exhausted its deliveries but is no longer stored", stream, sequence);
            return;
        }

        var filed = await _writer.WriteAsync(
            new DeadLetterSource(stream, consumer, sequence, deliveries, message.Subject),
            message.Data,
            StoredHeaders.Parse(message.Hdrs),
            DeadLetterReason.MaxDeliveries,
            "last delivery was not acknowledged within AckWait (crash or slowness)",
            cancellationToken);
        if (filed)
        {
            _logger.LogWarning("Dead-lettered {Stream}#{Sequence} for {Consumer} from the max-deliveries advisory after {Deliveries} deliveries", stream, sequence, consumer, deliveries);
        }
    }
}
