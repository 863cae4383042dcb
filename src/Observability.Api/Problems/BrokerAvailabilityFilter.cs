using NATS.Client.Core;

namespace Observability.Api.Problems;

/// <summary>
/// Answers 503 at once while the NATS connection is reconnecting: calls made then would wait for the broker to
/// come back rather than fail, and a client is better served by a quick "retry later".
/// </summary>
internal sealed class BrokerAvailabilityFilter(NatsConnection connection) : IEndpointFilter
{
    public ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        if (connection.ConnectionState != NatsConnectionState.Reconnecting)
        {
            return next(context);
        }

        context.HttpContext.Response.Headers.RetryAfter = "1";
        return ValueTask.FromResult<object?>(ApiProblems.BrokerUnavailable($"The connection to NATS ({connection.Opts.Url}) is down; retry later."));
    }
}
