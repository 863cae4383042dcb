using System.Diagnostics;
using NATS.Client.Core;
using Observability.Contracts.Topology;

namespace Observability.Messaging.Telemetry;

/// <summary>W3C trace context in NATS headers, so a consumer's span joins the producer's trace across the broker.</summary>
public static class TraceContext
{
    public static void Inject(Activity? activity, NatsHeaders headers)
    {
        if (activity is null)
        {
            return;
        }

        headers[MessageHeaders.TraceParent] = activity.Id;
        if (!string.IsNullOrEmpty(activity.TraceStateString))
        {
            headers[MessageHeaders.TraceState] = activity.TraceStateString;
        }
    }

    public static ActivityContext Extract(NatsHeaders? headers)
    {
        if (headers is not null
            && headers.TryGetValue(MessageHeaders.TraceParent, out var traceParent)
            && ActivityContext.TryParse(traceParent.ToString(), headers.TryGetValue(MessageHeaders.TraceState, out var state) ? state.ToString() : null, isRemote: true, out var context))
        {
            return context;
        }

        return default;
    }
}
