using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using NATS.Client.JetStream;
using NATS.Client.JetStream.Models;
using Observability.Messaging.Consuming;
using Observability.Messaging.Telemetry;

namespace Observability.Messaging.Lag;

/// <summary>
/// Exports consumer lag from the broker's view: polls consumer and stream info and sets the <c>kit_consumer_*</c> and
/// <c>kit_stream_*</c> gauges. Lag in messages is pending plus ack pending (after max deliveries the ack floor stops,
/// so a difference of sequences would lie). Lag in seconds is the age of the oldest unprocessed message. A failed
/// poll counts <c>kit_lag_monitor_errors_total</c> and the monitor carries on.
/// </summary>
internal sealed class LagMonitor(INatsJSContext js, LagMonitorOptions options, TimeProvider? time = null, ILogger<LagMonitor>? logger = null) : BackgroundService
{
    private readonly TimeProvider _time = time ?? TimeProvider.System;
    private readonly ILogger _logger = (ILogger?)logger ?? NullLogger.Instance;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Interval, _time);
        do
        {
            await PollAsync(stoppingToken);
        }
        while (await WaitAsync(timer, stoppingToken));
    }

    /// <summary>One round over every durable. Never throws except on cancellation.</summary>
    public async Task PollAsync(CancellationToken cancellationToken)
    {
        foreach (var durable in options.Consumers)
        {
            try
            {
                await PollAsync(durable, cancellationToken);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                throw;
            }
            catch (Exception ex)
            {
                KitMetrics.LagMonitorErrors.WithLabels(durable.Stream, durable.Consumer).Inc();
                _logger.LogWarning(ex, "Lag poll of {Durable} failed", durable);
            }
        }
    }

    private async Task PollAsync(DurableName durable, CancellationToken cancellationToken)
    {
        var stream = await js.GetStreamAsync(durable.Stream, cancellationToken: cancellationToken);
        var consumer = await stream.GetConsumerAsync(durable.Consumer, cancellationToken);
        var info = consumer.Info;
        string[] labels = [durable.Stream, durable.Consumer];
        var lag = info.NumPending + (ulong)Math.Max(0, info.NumAckPending);

        KitMetrics.StreamMessages.WithLabels(durable.Stream).Set(stream.Info.State.Messages);
        KitMetrics.StreamLastSequence.WithLabels(durable.Stream).Set(stream.Info.State.LastSeq);
        KitMetrics.ConsumerPending.WithLabels(labels).Set(info.NumPending);
        KitMetrics.ConsumerAckPending.WithLabels(labels).Set(info.NumAckPending);
        KitMetrics.ConsumerLagMessages.WithLabels(labels).Set(lag);
        KitMetrics.ConsumerRedelivered.WithLabels(labels).Set(info.NumRedelivered);
        KitMetrics.ConsumerAckFloor.WithLabels(labels).Set(info.AckFloor.StreamSeq);
        KitMetrics.ConsumerDelivered.WithLabels(labels).Set(info.Delivered.StreamSeq);
        KitMetrics.ConsumerLagSeconds.WithLabels(labels).Set(lag == 0 ? 0 : await OldestUnprocessedAgeAsync(stream, info, cancellationToken));
    }

    /// <summary>
    /// Age of the oldest message the consumer has not finished: the first one after the ack floor, or, when nothing is
    /// awaiting an ack, the first one after the last delivered (a message dropped after max deliveries keeps the ack
    /// floor behind, and would otherwise look ever older).
    /// </summary>
    private async Task<double> OldestUnprocessedAgeAsync(INatsJSStream stream, ConsumerInfo info, CancellationToken cancellationToken)
    {
        var from = (info.NumAckPending > 0 ? info.AckFloor.StreamSeq : info.Delivered.StreamSeq) + 1;
        var filter = string.IsNullOrEmpty(info.Config.FilterSubject) ? ">" : info.Config.FilterSubject;
        StreamMsgGetResponse response;
        try
        {
            // The stream API (not direct get): it works on streams without allow_direct, like CLICKSTREAM.
            response = await stream.GetAsync(new StreamMsgGetRequest { Seq = from, NextBySubj = filter }, cancellationToken);
        }
        catch (NatsJSApiException ex) when (ex.Error.Code == 404)
        {
            return 0;
        }

        return Math.Max(0, (_time.GetUtcNow() - response.Message.Time).TotalSeconds);
    }

    private static async Task<bool> WaitAsync(PeriodicTimer timer, CancellationToken cancellationToken)
    {
        try
        {
            return await timer.WaitForNextTickAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }
}
