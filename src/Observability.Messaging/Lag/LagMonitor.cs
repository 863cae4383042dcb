using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using NATS.Client.JetStream;
using Observability.Messaging.Consuming;

namespace Observability.Messaging.Lag;

/// <summary>
/// Exports consumer lag from the broker's view: polls consumer and stream info and sets the <c>kit_consumer_*</c> and
/// <c>kit_stream_*</c> gauges. Lag in messages is pending plus ack pending (after max deliveries the ack floor stops,
/// so a difference of sequences would lie). Lag in seconds is the age of the oldest unprocessed message. A failed
/// poll counts <c>kit_lag_monitor_errors_total</c> and the monitor carries on. The status (ok, behind, stalled,
/// stopped) comes from <see cref="ConsumerStatusRule"/>, the same rule <c>kit lag</c> applies.
/// </summary>
internal sealed class LagMonitor(INatsJSContext js, LagMonitorOptions options, TimeProvider? time = null, ILogger<LagMonitor>? logger = null) : BackgroundService
{
    private readonly TimeProvider _time = time ?? TimeProvider.System;
    private readonly ILogger _logger = (ILogger?)logger ?? NullLogger.Instance;
    private readonly ConsumerLagReader _reader = new(js, time);
    private readonly Dictionary<DurableName, LagSample> _previous = [];

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Export the error counter at 0 from the start, so "no errors" is a real series, not a missing one.
        foreach (var durable in options.Consumers)
        {
            LagMetrics.LagMonitorErrors.WithLabels(durable.Stream, durable.Consumer).Inc(0);
        }

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
                LagMetrics.LagMonitorErrors.WithLabels(durable.Stream, durable.Consumer).Inc();
                _logger.LogWarning(ex, "Lag poll of {Durable} failed", durable);
            }
        }
    }

    private async Task PollAsync(DurableName durable, CancellationToken cancellationToken)
    {
        var sample = await _reader.ReadAsync(durable, cancellationToken);
        string[] labels = [durable.Stream, durable.Consumer];

        LagMetrics.StreamMessages.WithLabels(durable.Stream).Set(sample.StreamMessages);
        LagMetrics.StreamLastSequence.WithLabels(durable.Stream).Set(sample.StreamLastSequence);
        LagMetrics.ConsumerPending.WithLabels(labels).Set(sample.Pending);
        LagMetrics.ConsumerAckPending.WithLabels(labels).Set(sample.AckPending);
        LagMetrics.ConsumerLagMessages.WithLabels(labels).Set(sample.Lag);
        LagMetrics.ConsumerRedelivered.WithLabels(labels).Set(sample.Redelivered);
        LagMetrics.ConsumerAckFloor.WithLabels(labels).Set(sample.AckFloor);
        LagMetrics.ConsumerDelivered.WithLabels(labels).Set(sample.Delivered);
        LagMetrics.ConsumerLagSeconds.WithLabels(labels).Set(sample.LagSeconds);

        // One series per status, 1 for the current one: a state-set, so a dashboard can show it and alert on it.
        var status = ConsumerStatusRule.Classify(_previous.GetValueOrDefault(durable), sample);
        _previous[durable] = sample;
        foreach (var candidate in ConsumerStatusRule.All)
        {
            LagMetrics.ConsumerStatus.WithLabels(durable.Stream, durable.Consumer, ConsumerStatusRule.Label(candidate)).Set(candidate == status ? 1 : 0);
        }
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
