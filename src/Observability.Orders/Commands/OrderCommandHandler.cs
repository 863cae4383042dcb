using Observability.Contracts.Orders;
using Observability.Messaging.Publishing;
using Observability.Orders.Domain;
using Observability.Orders.EventStore;

namespace Observability.Orders.Commands;

/// <summary>
/// The command side of CQRS for orders: fold the order's events from the event store, let the pure
/// <see cref="OrderDecider"/> decide, and append what it decided with the expected last subject sequence (so a
/// concurrent writer makes exactly one of two appends fail). A rejected command appends nothing. Used by the API and
/// the producer alike. A message on the order's subject that is not a readable event is left out of the fold (the
/// consumers dead-letter it and history shows it as such): commands go ahead without it.
/// </summary>
public sealed class OrderCommandHandler(EventPublisher publisher, OrderEventStore store, TimeProvider? clock = null)
{
    private readonly TimeProvider _clock = clock ?? TimeProvider.System;

    public async Task<CommandResult> HandleAsync(IOrderCommand command, PublishOptions? options = null, CancellationToken cancellationToken = default)
    {
        var messages = await store.ReadMessagesAsync(command.OrderId, cancellationToken: cancellationToken);
        var state = OrderEventStore.Fold(messages);
        var decision = OrderDecider.Decide(state, command, _clock.GetUtcNow());
        switch (decision.Kind)
        {
            case DecisionKind.NotFound:
                return new CommandResult(CommandStatus.NotFound, command.OrderId, Detail: decision.Reason);
            case DecisionKind.RuleViolation:
                return new CommandResult(CommandStatus.RuleViolation, command.OrderId, state.Version, Detail: decision.Reason);
            case DecisionKind.AlreadyDone:
                var first = messages.First(m => m.IsReadable);
                return new CommandResult(CommandStatus.Accepted, command.OrderId, first.Sequence, first.EventId, Replayed: true);
        }

        // Deterministic placement id: a retry inside the dedup window is recognised by the broker too.
        var eventId = command is PlaceOrder ? $"{command.OrderId}-placed" : options?.EventId;
        return await AppendAsync(decision.Events[0], LastSequence(messages), eventId, options, cancellationToken);
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
                e, (options ?? PublishOptions.Default) with { ExpectedLastSubjectSequence = expected, EventId = eventId }, cancellationToken);
            return new CommandResult(CommandStatus.Accepted, e.OrderId, result.Sequence, result.EventId, Replayed: result.Duplicate);
        }
        catch (AppendConflictException ex)
        {
            return new CommandResult(CommandStatus.ConcurrencyConflict, e.OrderId, Detail: ex.Message);
        }
    }
}
