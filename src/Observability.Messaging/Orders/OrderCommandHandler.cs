using Observability.Contracts.Orders;
using Observability.Messaging.EventStore;
using Observability.Messaging.Publishing;

namespace Observability.Messaging.Orders;

/// <summary>
/// The command side of CQRS for orders: fold the order's events from the event store, check the lifecycle rule on
/// that state, append the new event with the expected last subject sequence (so a concurrent writer makes exactly one
/// of two appends fail), and never append anything for a rejected command. Used by the API and the producer alike.
/// A message on the order's subject that is not a readable event is left out of the fold (it is dead-lettered by the
/// consumers and shown as such by history): commands go ahead without it.
/// </summary>
public sealed class OrderCommandHandler(EventPublisher publisher, OrderEventStore store, TimeProvider? clock = null)
{
    private readonly TimeProvider _clock = clock ?? TimeProvider.System;

    public async Task<CommandResult> PlaceAsync(PlaceOrder command, PublishOptions? options = null, CancellationToken cancellationToken = default)
    {
        var messages = await store.ReadMessagesAsync(command.OrderId, cancellationToken: cancellationToken);
        var state = OrderEventStore.Fold(messages);
        if (state.Exists)
        {
            // A retry of the same place command (client-supplied id) is answered with the original result.
            var first = messages.First(m => m.IsReadable);
            return first.Event is OrderPlaced placed && SamePlacement(placed, command)
                ? new CommandResult(CommandStatus.Accepted, command.OrderId, first.Sequence, first.EventId, Replayed: true)
                : new CommandResult(CommandStatus.RuleViolation, command.OrderId, Detail: OrderRules.CanPlace(state));
        }

        var total = command.Lines.Sum(l => l.Quantity * l.UnitPrice);
        var e = new OrderPlaced(command.OrderId, command.CustomerId, command.Lines, total, command.Currency, _clock.GetUtcNow());
        // Deterministic id: a retry inside the dedup window is recognised by the broker too.
        return await AppendAsync(e, LastSequence(messages), eventId: $"{command.OrderId}-placed", options, cancellationToken);
    }

    public Task<CommandResult> AuthorizePaymentAsync(AuthorizePayment command, PublishOptions? options = null, CancellationToken cancellationToken = default) =>
        ExecuteAsync(command.OrderId, OrderRules.CanAuthorizePayment,
            s => new PaymentAuthorized(s.OrderId, command.Amount ?? s.Total, s.Currency ?? "EUR", _clock.GetUtcNow()), options, cancellationToken);

    public Task<CommandResult> DeclinePaymentAsync(DeclinePayment command, PublishOptions? options = null, CancellationToken cancellationToken = default) =>
        ExecuteAsync(command.OrderId, OrderRules.CanDeclinePayment,
            s => new PaymentDeclined(s.OrderId, command.Reason, _clock.GetUtcNow()), options, cancellationToken);

    public Task<CommandResult> ShipAsync(ShipOrder command, PublishOptions? options = null, CancellationToken cancellationToken = default) =>
        ExecuteAsync(command.OrderId, OrderRules.CanShip,
            s => new OrderShipped(s.OrderId, command.Carrier, command.TrackingNumber, _clock.GetUtcNow()), options, cancellationToken);

    public Task<CommandResult> CancelAsync(CancelOrder command, PublishOptions? options = null, CancellationToken cancellationToken = default) =>
        ExecuteAsync(command.OrderId, OrderRules.CanCancel,
            s => new OrderCancelled(s.OrderId, command.Reason, _clock.GetUtcNow()), options, cancellationToken);

    private async Task<CommandResult> ExecuteAsync(
        string orderId, Func<OrderState, string?> rule, Func<OrderState, IOrderEvent> decide, PublishOptions? options, CancellationToken cancellationToken)
    {
        var messages = await store.ReadMessagesAsync(orderId, cancellationToken: cancellationToken);
        var state = OrderEventStore.Fold(messages);
        if (!state.Exists)
        {
            return new CommandResult(CommandStatus.NotFound, orderId, Detail: $"Order {orderId} does not exist.");
        }

        if (rule(state) is { } violation)
        {
            return new CommandResult(CommandStatus.RuleViolation, orderId, state.Version, Detail: violation);
        }

        return await AppendAsync(decide(state), LastSequence(messages), eventId: null, options, cancellationToken);
    }

    /// <summary>
    /// The expected last subject sequence of the next append: the newest message on the subject, readable or not.
    /// Unreadable messages (written around the kit's publisher) are left out of the fold, and the command goes ahead.
    /// </summary>
    private static ulong LastSequence(IReadOnlyList<StoredMessage> messages) => messages.Count == 0 ? 0 : messages[^1].Sequence;

    private async Task<CommandResult> AppendAsync(IOrderEvent e, ulong expected, string? eventId, PublishOptions? options, CancellationToken cancellationToken)
    {
        try
        {
            var result = await publisher.PublishAsync(
                e, (options ?? PublishOptions.Default) with { ExpectedLastSubjectSequence = expected, EventId = eventId ?? options?.EventId }, cancellationToken);
            return new CommandResult(CommandStatus.Accepted, e.OrderId, result.Sequence, result.EventId, Replayed: result.Duplicate);
        }
        catch (AppendConflictException ex)
        {
            return new CommandResult(CommandStatus.ConcurrencyConflict, e.OrderId, Detail: ex.Message);
        }
    }

    private static bool SamePlacement(OrderPlaced placed, PlaceOrder command) =>
        placed.CustomerId == command.CustomerId
        && placed.Currency == command.Currency
        && placed.Lines.SequenceEqual(command.Lines);
}
