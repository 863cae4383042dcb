using System.ComponentModel;
using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using Observability.Api.Problems;
using Observability.Api.Telemetry;
using Observability.Contracts.Events;
using Observability.Contracts.Orders;
using Observability.Orders.EventStore;

namespace Observability.Api.Orders;

// Read side: the order summary from the projection (with read-your-writes), and the audit trail and point-in-time
// state straight from the event store.
public static partial class OrdersApi
{
    public static async Task<Results<Ok<OrderSummary>, ValidationProblem, ProblemHttpResult>> GetOrder(
        string id,
        [Description("Stream sequence a command returned: wait until the projection has applied it.")] string? minSequence,
        [Description("How long to wait for minSequence, in milliseconds (default 2000, capped at the configured maximum).")] string? wait,
        [FromHeader(Name = ConsistencyHeaders.MinSequence), Description("Same as minSequence, as a header; the larger of the two applies.")] string? minSequenceHeader,
        OrderSummaryReader reader,
        IOptions<ReadYourWritesOptions> options,
        HttpResponse response,
        CancellationToken cancellationToken)
    {
        var errors = OrderCommandValidation.ForOrderId(id);
        var fromQuery = QueryParameters.ParseSequence(minSequence, "minSequence", errors);
        var fromHeader = QueryParameters.ParseSequence(minSequenceHeader, ConsistencyHeaders.MinSequence, errors);
        var waitFor = QueryParameters.ParseWait(wait, options.Value, errors);
        if (!errors.IsEmpty)
        {
            return ApiProblems.Validation(errors.ToDictionary());
        }

        ApiActivity.TagOrder(id);
        var min = QueryParameters.Max(fromQuery, fromHeader);
        var summary = await reader.GetAsync(id, cancellationToken);
        if (min is not null && summary?.LastAppliedSequence >= min)
        {
            return Fresh(summary, ApiMetrics.Outcome.Fresh);
        }

        // The order's newest stored event bounds what the projection can reach: a minSequence taken from another
        // order (sequences are stream-wide) is satisfied once this order's own events are applied.
        var last = await reader.LastStoredSequenceAsync(id, cancellationToken);
        if (last is null)
        {
            return summary is null ? ApiProblems.OrderNotFound(id) : Fresh(summary, outcome: null);
        }

        var target = min is null ? last.Value : Math.Min(min.Value, last.Value);
        if (summary?.LastAppliedSequence >= target)
        {
            return Fresh(summary, min is null ? null : ApiMetrics.Outcome.Fresh);
        }

        if (min is not null && waitFor > TimeSpan.Zero)
        {
            var (reached, latest) = await reader.WaitForAsync(id, target, waitFor, cancellationToken);
            if (reached)
            {
                return Fresh(latest!, ApiMetrics.Outcome.Waited);
            }

            summary = latest ?? summary;
        }

        if (min is not null)
        {
            ApiMetrics.ReadYourWrites.WithLabels(ApiMetrics.Outcome.Stale).Inc();
        }

        ApiActivity.TagOutcome(ConsistencyHeaders.Stale);
        response.Headers.RetryAfter = ((int)Math.Ceiling(options.Value.RetryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        response.Headers[ConsistencyHeaders.Consistency] = ConsistencyHeaders.Stale;
        if (summary is null)
        {
            return ApiProblems.ProjectionPending(id, min);
        }

        response.Headers[ConsistencyHeaders.ProjectionSequence] = summary.LastAppliedSequence.ToString(CultureInfo.InvariantCulture);
        return TypedResults.Ok(summary);

        Ok<OrderSummary> Fresh(OrderSummary s, string? outcome)
        {
            if (outcome is not null)
            {
                ApiMetrics.ReadYourWrites.WithLabels(outcome).Inc();
            }

            ApiActivity.TagOutcome(ConsistencyHeaders.Fresh);
            response.Headers[ConsistencyHeaders.Consistency] = ConsistencyHeaders.Fresh;
            response.Headers[ConsistencyHeaders.ProjectionSequence] = s.LastAppliedSequence.ToString(CultureInfo.InvariantCulture);
            return TypedResults.Ok(s);
        }
    }

    public static async Task<Results<Ok<IReadOnlyList<OrderHistoryEntry>>, ValidationProblem, ProblemHttpResult>> GetHistory(
        string id, OrderEventStore store, CancellationToken cancellationToken)
    {
        if (OrderCommandValidation.ForOrderId(id) is { IsEmpty: false } errors)
        {
            return ApiProblems.Validation(errors.ToDictionary());
        }

        ApiActivity.TagOrder(id);
        var messages = await store.ReadMessagesAsync(id, cancellationToken: cancellationToken);
        if (messages.Count == 0)
        {
            return ApiProblems.OrderNotFound(id);
        }

        IReadOnlyList<OrderHistoryEntry> history = [.. messages.Select(m => m.Event is { } e
            ? new OrderHistoryEntry(m.Sequence, m.EventId, m.EventType, m.StoredAt, e.OccurredAt, PayloadOf(e))
            : new OrderHistoryEntry(m.Sequence, m.EventId, m.EventType, m.StoredAt, null, null, Readable: false, m.FailureReason, m.FailureDetail))];
        return TypedResults.Ok(history);
    }

    public static async Task<Results<Ok<OrderStateResponse>, ValidationProblem, ProblemHttpResult>> GetState(
        string id,
        [Description("ISO-8601 time, e.g. 2026-11-27T10:00:00Z (URL-encode '+' as %2B). Events whose event time is at or before it are folded.")] string? asOf,
        OrderEventStore store,
        CancellationToken cancellationToken)
    {
        var errors = OrderCommandValidation.ForOrderId(id);
        DateTimeOffset? at = null;
        if (asOf is not null)
        {
            if (QueryParameters.TryParseIso(asOf, out var parsed))
            {
                at = parsed;
            }
            else
            {
                errors.Add("asOf", asOf.Contains(' ', StringComparison.Ordinal)
                    ? "'asOf' must be an ISO-8601 time; a '+' in a query string must be sent as %2B."
                    : "'asOf' must be an ISO-8601 time, e.g. 2026-11-27T10:00:00Z.");
            }
        }

        if (!errors.IsEmpty)
        {
            return ApiProblems.Validation(errors.ToDictionary());
        }

        ApiActivity.TagOrder(id);
        var messages = await store.ReadMessagesAsync(id, cancellationToken: cancellationToken);
        var state = OrderEventStore.Fold(messages, at);
        // Unreadable messages have no event time of their own: the broker's time places them.
        IReadOnlyList<UnreadableEventEntry> unreadable = [.. messages
            .Where(m => !m.IsReadable && (at is null || m.StoredAt <= at))
            .Select(m => new UnreadableEventEntry(m.Sequence, m.StoredAt, m.FailureReason!, m.FailureDetail))];
        if (!state.Exists && unreadable.Count == 0)
        {
            return at is null
                ? ApiProblems.OrderNotFound(id)
                : ApiProblems.NotFound($"Order '{id}' had no events at or before {at:O}.", "Order not found at that time.");
        }

        return TypedResults.Ok(OrderStateResponse.From(id, state, at, unreadable));
    }

    private static JsonElement PayloadOf(IOrderEvent e)
    {
        using var document = JsonDocument.Parse(EventCatalog.Serialize(e));
        return document.RootElement.Clone();
    }
}
