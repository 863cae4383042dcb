using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using NATS.Client.Core;
using Observability.Messaging.Publishing;

namespace Observability.Api.Problems;

/// <summary>
/// Turns broker failures (no connection, no answer, refused publish) into 503 ProblemDetails with Retry-After, so a
/// client can tell "try again" from a bug. Nothing was appended when this answers: an unacked publish is reported
/// as failed and the command can be retried (with a client-supplied order id, safely).
/// </summary>
internal sealed class BrokerUnavailableExceptionHandler(IProblemDetailsService problems, ILogger<BrokerUnavailableExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not (NatsException or PublishFailedException or TimeoutException))
        {
            return false;
        }

        logger.LogWarning(exception, "Broker unavailable for {Method} {Path}", httpContext.Request.Method, httpContext.Request.Path);
        httpContext.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        httpContext.Response.Headers.RetryAfter = "1";
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            Exception = exception,
            ProblemDetails = new ProblemDetails
            {
                Status = StatusCodes.Status503ServiceUnavailable,
                Type = ProblemTypes.BrokerUnavailable,
                Title = "The message broker is unavailable.",
                Detail = "The command or query could not reach NATS JetStream; retry later.",
            },
        });
    }
}
