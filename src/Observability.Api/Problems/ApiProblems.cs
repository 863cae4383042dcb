using Microsoft.AspNetCore.Http.HttpResults;

namespace Observability.Api.Problems;

/// <summary>The API's problem responses, built in one place so titles and types stay consistent.</summary>
internal static class ApiProblems
{
    public static ValidationProblem Validation(IDictionary<string, string[]> errors) =>
        TypedResults.ValidationProblem(errors, title: "One or more fields are invalid.", type: ProblemTypes.Validation);

    public static ValidationProblem Validation(string field, string error) =>
        Validation(new Dictionary<string, string[]> { [field] = [error] });

    public static ProblemHttpResult MalformedBody(string detail) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status400BadRequest, title: "The request body is not valid JSON for this command.", type: ProblemTypes.MalformedBody);

    public static ProblemHttpResult UnsupportedContentType(string? contentType) =>
        TypedResults.Problem(
            $"Content-Type '{contentType}' is not supported; send 'application/json'.",
            statusCode: StatusCodes.Status400BadRequest,
            title: "The request body must be JSON.",
            type: ProblemTypes.UnsupportedContentType);

    public static ProblemHttpResult BodyTooLarge(long limit) =>
        TypedResults.Problem(
            $"Command bodies are limited to {limit} bytes.",
            statusCode: StatusCodes.Status400BadRequest,
            title: "The request body is too large.",
            type: ProblemTypes.BodyTooLarge);

    public static ProblemHttpResult OrderNotFound(string orderId) =>
        NotFound($"Order '{orderId}' does not exist.", "Order not found.");

    public static ProblemHttpResult NotFound(string detail, string title) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status404NotFound, title: title, type: ProblemTypes.NotFound);

    public static ProblemHttpResult RuleViolation(string? detail) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status409Conflict, title: "The order's state does not allow this command.", type: ProblemTypes.RuleViolation);

    public static ProblemHttpResult ConcurrencyConflict(string? detail) =>
        TypedResults.Problem(
            detail,
            statusCode: StatusCodes.Status409Conflict,
            title: "The order changed while the command ran; read it again and retry.",
            type: ProblemTypes.ConcurrencyConflict);

    public static ProblemHttpResult ProjectionPending(string orderId, ulong? minSequence) =>
        TypedResults.Problem(
            minSequence is null
                ? $"Order '{orderId}' is stored but its summary is not projected yet."
                : $"Order '{orderId}' is stored but its summary is not projected yet (waited for sequence {minSequence}).",
            statusCode: StatusCodes.Status202Accepted,
            title: "The read model has not caught up with this order yet.",
            type: ProblemTypes.ProjectionPending);

    public static ProblemHttpResult BrokerUnavailable(string detail) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status503ServiceUnavailable, title: "The message broker is unavailable.", type: ProblemTypes.BrokerUnavailable);
}
