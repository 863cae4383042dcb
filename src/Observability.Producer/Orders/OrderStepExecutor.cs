using Observability.Messaging.Orders;
using Observability.Messaging.Publishing;

namespace Observability.Producer.Orders;

/// <summary>
/// Runs lifecycle steps through the write side's own append path (<see cref="OrderCommandHandler"/>: fold, rules,
/// optimistic append), exactly as the API does. A refused command is a fact worth counting and logging, never a crash:
/// after a restart with the same seed, for instance, steps already applied are refused by the lifecycle rules.
/// </summary>
internal sealed class OrderStepExecutor(OrderCommandHandler handler, ILogger<OrderStepExecutor> logger, string? runId)
{
    public async Task<CommandResult?> ExecuteAsync(OrderStep step, CancellationToken cancellationToken)
    {
        var options = new PublishOptions { EventId = step.EventId, RunId = runId };
        var command = OrderScriptWriter.Token(step.Kind);
        CommandResult result;
        try
        {
            result = step.Command switch
            {
                PlaceOrder c => await handler.PlaceAsync(c, options, cancellationToken),
                AuthorizePayment c => await handler.AuthorizePaymentAsync(c, options, cancellationToken),
                DeclinePayment c => await handler.DeclinePaymentAsync(c, options, cancellationToken),
                ShipOrder c => await handler.ShipAsync(c, options, cancellationToken),
                CancelOrder c => await handler.CancelAsync(c, options, cancellationToken),
                _ => throw new InvalidOperationException($"Unknown command {step.Command.GetType().Name}"),
            };
        }
        catch (Exception ex) when (ex is PublishFailedException or NATS.Client.Core.NatsException or TimeoutException)
        {
            // The broker is away: this step is lost and the order stays in its last (legal) state.
            ProducerMetrics.Commands.WithLabels(command, ProducerMetrics.Outcome.Failed).Inc();
            logger.LogWarning("Producer {Command} on {OrderId} failed: {Error}", command, step.OrderId, ex.Message);
            return null;
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
}
