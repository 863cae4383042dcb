using Observability.Contracts.Orders;
using Observability.Messaging.EventStore;
using Observability.Messaging.Publishing;

namespace Observability.Messaging.Orders;

/// <summary>
/// The command side of CQRS for orders: fold the order's events from the event store, check the lifecycle rule on
/// that state, append the new event with the expected last subject sequence (so a concurrent writer makes exactly one
/// of two appends fail), and never append anything for a rejected command. Used by the API and the producer alike.
/// </summary>
public sealed class OrderCommandHandler(EventPublisher publisher, OrderEventStore store, TimeProvider? clock = null)
{
    private readonly TimeProvider _clock = clock ?? TimeProvider.System;

    public async Task<CommandResult> PlaceAsync(PlaceOrder command, PublishOptions? options = null, CancellationToken cancellationToken = default)
    {
        var events = await store.ReadAsync(command.OrderId, cancellationToken);
        var state = OrderState.Fold(events.Select(e => (e.Event, e.Sequence)));
        if (state.Exists)
        {
            // A retry of the same place command (client-supplied id) is answered with the original result.
            var first = events[0];
            return first.Event is OrderPlaced placed && SamePlacement(placed, command)
                ? new CommandResult(CommandStatus.Accepted, command.OrderId, first.Sequence, first.EventId, Replayed: true)
                : new CommandResult(CommandStatus.RuleViolation, command.OrderId, Detail: OrderRules.CanPlace(state));
        }

        var total = command.Lines.Sum(l => l.Quantity * l.UnitPrice);
        var e = new OrderPlaced(command.OrderId, command.CustomerId, command.Lines, total, command.Currency, _clock.GetUtcNow());
        // Deterministic id: a retry inside the dedup window is recognised by the broker too.
        return await AppendAsync(e, expected: 0, eventId: $"{command.OrderId}-placed", options, cancellationToken);
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
        var state = await store.LoadAsync(orderId, cancellationToken: cancellationToken);
        if (!state.Exists)
        {
            return new CommandResult(CommandStatus.NotFound, orderId, Detail: $"Order {orderId} does not exist.");
        }

        if (rule(state) is { } violation)
        {
            return new CommandResult(CommandStatus.RuleViolation, orderId, state.Version, Detail: violation);
        }

        return await AppendAsync(decide(state), state.Version, eventId: null, options, cancellationToken);
    }

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
