using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Observability.Api.Problems;
using Observability.Api.Telemetry;
using Observability.Orders.Commands;
using Observability.Orders.Domain;
using HttpJsonOptions = Microsoft.AspNetCore.Http.Json.JsonOptions;

namespace Observability.Api.Orders;

// Write side: read and check the body, validate its shape, let the command handler apply the lifecycle rules and
// append with optimistic concurrency, and map its result to HTTP. A rejected command appends nothing.
public static partial class OrdersApi
{
    private delegate bool Validator<TRequest, TCommand>(string orderId, TRequest request, out TCommand command, out ValidationErrors errors);

    public static async Task<Results<Created<CommandAccepted>, Ok<CommandAccepted>, ValidationProblem, ProblemHttpResult>> PlaceOrder(
        HttpRequest request, OrderCommandHandler orders, IOptions<HttpJsonOptions> json, CancellationToken cancellationToken)
    {
        var body = await CommandBody.ReadAsync<PlaceOrderRequest>(request, json.Value.SerializerOptions, whenEmpty: null, cancellationToken);
        if (body.Problem is not null)
        {
            return body.Problem;
        }

        if (!OrderCommandValidation.TryPlace(body.Value!, NewOrderId, out var command, out var errors))
        {
            return ApiProblems.Validation(errors.ToDictionary());
        }

        ApiActivity.TagOrder(command.OrderId);
        var result = await orders.HandleAsync(command, cancellationToken: cancellationToken);
        ApiActivity.TagOutcome(Outcome(result));
        if (!result.IsAccepted)
        {
            return Rejected(result);
        }

        var accepted = Accepted(result);
        if (result.Replayed)
        {
            // A retry of a placement already stored: nothing was created now, so 200 (with the same Location and sequence).
            request.HttpContext.Response.Headers.Location = OrderLocation(result.OrderId);
            return TypedResults.Ok(accepted);
        }

        return TypedResults.Created(OrderLocation(result.OrderId), accepted);
    }

    public static Task<Results<Ok<CommandAccepted>, ValidationProblem, ProblemHttpResult>> AuthorizePayment(
        string id, HttpRequest request, OrderCommandHandler orders, IOptions<HttpJsonOptions> json, CancellationToken cancellationToken) =>
        RunAsync<AuthorizePaymentRequest, AuthorizePayment>(
            id, request, json.Value.SerializerOptions, new AuthorizePaymentRequest(null), OrderCommandValidation.TryAuthorize,
            (c, ct) => orders.HandleAsync(c, cancellationToken: ct), cancellationToken);

    public static Task<Results<Ok<CommandAccepted>, ValidationProblem, ProblemHttpResult>> DeclinePayment(
        string id, HttpRequest request, OrderCommandHandler orders, IOptions<HttpJsonOptions> json, CancellationToken cancellationToken) =>
        RunAsync<DeclinePaymentRequest, DeclinePayment>(
            id, request, json.Value.SerializerOptions, null, OrderCommandValidation.TryDecline,
            (c, ct) => orders.HandleAsync(c, cancellationToken: ct), cancellationToken);

    public static Task<Results<Ok<CommandAccepted>, ValidationProblem, ProblemHttpResult>> ShipOrder(
        string id, HttpRequest request, OrderCommandHandler orders, IOptions<HttpJsonOptions> json, CancellationToken cancellationToken) =>
        RunAsync<ShipOrderRequest, ShipOrder>(
            id, request, json.Value.SerializerOptions, null, OrderCommandValidation.TryShip,
            (c, ct) => orders.HandleAsync(c, cancellationToken: ct), cancellationToken);

    public static Task<Results<Ok<CommandAccepted>, ValidationProblem, ProblemHttpResult>> CancelOrder(
        string id, HttpRequest request, OrderCommandHandler orders, IOptions<HttpJsonOptions> json, CancellationToken cancellationToken) =>
        RunAsync<CancelOrderRequest, CancelOrder>(
            id, request, json.Value.SerializerOptions, null, OrderCommandValidation.TryCancel,
            (c, ct) => orders.HandleAsync(c, cancellationToken: ct), cancellationToken);

    private static async Task<Results<Ok<CommandAccepted>, ValidationProblem, ProblemHttpResult>> RunAsync<TRequest, TCommand>(
        string id,
        HttpRequest request,
        JsonSerializerOptions json,
        TRequest? whenEmpty,
        Validator<TRequest, TCommand> validate,
        Func<TCommand, CancellationToken, Task<CommandResult>> execute,
        CancellationToken cancellationToken)
        where TRequest : class
    {
        // A bad id is reported before the body is read: it must never become a subject.
        if (OrderCommandValidation.ForOrderId(id) is { IsEmpty: false } idErrors)
        {
            return ApiProblems.Validation(idErrors.ToDictionary());
        }

        ApiActivity.TagOrder(id);
        var body = await CommandBody.ReadAsync(request, json, whenEmpty, cancellationToken);
        if (body.Problem is not null)
        {
            return body.Problem;
        }

        if (!validate(id, body.Value!, out var command, out var errors))
        {
            return ApiProblems.Validation(errors.ToDictionary());
        }

        var result = await execute(command, cancellationToken);
        ApiActivity.TagOutcome(Outcome(result));
        if (!result.IsAccepted)
        {
            return Rejected(result);
        }

        request.HttpContext.Response.Headers.Location = OrderLocation(result.OrderId);
        return TypedResults.Ok(Accepted(result));
    }

    private static CommandAccepted Accepted(CommandResult result) =>
        new(result.OrderId, result.Sequence, result.EventId ?? "", result.Replayed);

    private static ProblemHttpResult Rejected(CommandResult result) => result.Status switch
    {
        CommandStatus.NotFound => ApiProblems.OrderNotFound(result.OrderId),
        CommandStatus.RuleViolation => ApiProblems.RuleViolation(result.Detail),
        CommandStatus.ConcurrencyConflict => ApiProblems.ConcurrencyConflict(result.Detail),
        _ => throw new InvalidOperationException($"{result.Status} is not a rejection"),
    };

    private static string Outcome(CommandResult result) => result.Replayed ? "replayed" : result.Status switch
    {
        CommandStatus.Accepted => "accepted",
        CommandStatus.NotFound => "not_found",
        CommandStatus.RuleViolation => "rule_violation",
        CommandStatus.ConcurrencyConflict => "concurrency_conflict",
        _ => "unknown",
    };

    private static string OrderLocation(string orderId) => $"/orders/{orderId}";

    /// <summary>Time-ordered, so server-generated ids sort by creation.</summary>
    private static string NewOrderId() => Guid.CreateVersion7().ToString("N");
}
