using Microsoft.AspNetCore.HttpLogging;

namespace Observability.ServiceDefaults;

/// <summary>HTTP logging skips <c>/metrics</c>, <c>/health</c> and <c>/alive</c>: scrapes and probes are not news.</summary>
internal sealed class InfrastructureRequestsUnlogged : IHttpLoggingInterceptor
{
    public ValueTask OnRequestAsync(HttpLoggingInterceptorContext logContext)
    {
        if (ServiceDefaultsExtensions.IsInfrastructurePath(logContext.HttpContext.Request.Path))
        {
            logContext.LoggingFields = HttpLoggingFields.None;
        }

        return ValueTask.CompletedTask;
    }

    public ValueTask OnResponseAsync(HttpLoggingInterceptorContext logContext) => ValueTask.CompletedTask;
}
