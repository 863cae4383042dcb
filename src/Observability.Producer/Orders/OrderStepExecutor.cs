using System.Diagnostics;
using Observability.Messaging.Publishing;
using Observability.Orders.Commands;

namespace Observability.Producer.Orders;

/// <summary>
/// Runs lifecycle steps through the write side's own append path (<see cref="OrderCommandHandler"/>: fold, rules,
/// optimistic append), exactly as the API does. A refused command is a fact worth counting and logging, never a crash:
/// after a restart with the same seed, for instance, steps already applied are refused by the lifecycle rules.
/// While the broker is away (a restart, a failover) the append is retried with the same event id for
/// <c>Producer:PublishRetryFor</c>, so a step whose ack was lost is stored once, not lost and not doubled.
/// </summary>
internal sealed class OrderStepExecutor(OrderCommandHandler handler, ILogger<OrderStepExecutor> logger, string? runId, TimeSpan retryFor = default)
{
    public async Task<CommandResult?> ExecuteAsync(OrderStep step, CancellationToken cancellationToken)
    {
        var options = new PublishOptions { EventId = step.EventId, RunId = runId, RetryFor = retryFor };
        var command = OrderScriptWriter.Token(step.Kind);
        CommandResult result;
        var started = Stopwatch.GetTimestamp();
        var delay = TimeSpan.FromMilliseconds(200);
        while (true)
        {
            try
            {
                result = await RunAsync(step, options, cancellationToken);
                break;
            }
            catch (Exception ex) when (IsBrokerAway(ex) && Stopwatch.GetElapsedTime(started) + delay < retryFor)
            {
                // Reading the order's history failed too: run the whole command again once the broker is back.
                await Task.Delay(delay, cancellationToken);
                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, TimeSpan.FromSeconds(2).Ticks));
            }
            catch (Exception ex) when (IsBrokerAway(ex))
            {
                // The broker stayed away: this step is lost and the order stays in its last (legal) state.
                ProducerMetrics.Commands.WithLabels(command, ProducerMetrics.Outcome.Failed).Inc();
                logger.LogWarning("Producer {Command} on {OrderId} failed: {Error}", command, step.OrderId, ex.Message);
                return null;
            }
        }

        var outcome = result switch
        {
            { Status: CommandStatus.Accepted, Replayed: true } => ProducerMetrics.Outcome.Replayed,
            { Status: CommandStatus.Accepted } => ProducerMetrics.Outcome.Accepted,
            { Status: CommandStatus.RuleViolation } => ProducerMetrics.Outcome.RuleViolation,
            { Status: CommandStatus.ConcurrencyConflict } => ProducerMetrics.Outcome.ConcurrencyConflict,
            _ => ProducerMetrics.Outcome.NotFound,
        };
        ProducerMetrics.Commands.WithLabels(command, outcome).Inc();
        if (!result.IsAccepted)
        {
            logger.LogWarning("Producer {Command} on {OrderId} refused ({Status}): {Detail}", command, step.OrderId, result.Status, result.Detail);
        }
        else if (result.Replayed)
        {
            logger.LogDebug("Producer {Command} on {OrderId} was already stored (same seed re-run)", command, step.OrderId);
        }

        return result;
    }

    private Task<CommandResult> RunAsync(OrderStep step, PublishOptions options, CancellationToken cancellationToken) =>
        handler.HandleAsync(step.Command, options, cancellationToken);

    private static bool IsBrokerAway(Exception ex) => ex is PublishFailedException or NATS.Client.Core.NatsException or TimeoutException;
}
