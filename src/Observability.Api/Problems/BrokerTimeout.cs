using Microsoft.AspNetCore.Http.Timeouts;
using Microsoft.AspNetCore.Mvc;

namespace Observability.Api.Problems;

/// <summary>
/// A request-timeout policy for endpoints that call the broker: if the broker goes away mid-request the call would wait
/// for the reconnect; this bounds it and answers 503 ProblemDetails instead of hanging.
/// </summary>
internal static class BrokerTimeout
{
    public const string Policy = "broker";

    /// <summary>Headroom over the longest read-your-writes wait.</summary>
    public static readonly TimeSpan Headroom = TimeSpan.FromSeconds(10);

    public static void AddBrokerTimeout(this IServiceCollection services, TimeSpan longestWait) =>
        services.AddRequestTimeouts(o => o.AddPolicy(Policy, new RequestTimeoutPolicy
        {
            Timeout = longestWait + Headroom,
            TimeoutStatusCode = StatusCodes.Status503ServiceUnavailable,
            WriteTimeoutResponse = WriteAsync,
        }));

    private static async Task WriteAsync(HttpContext context)
    {
        context.Response.Headers.RetryAfter = "1";
        await context.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = new ProblemDetails
            {
                Status = StatusCodes.Status503ServiceUnavailable,
                Type = ProblemTypes.BrokerUnavailable,
                Title = "The message broker is unavailable.",
                Detail = "The broker did not answer in time; retry later.",
            },
        });
    }
}
