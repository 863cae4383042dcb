using Prometheus;

namespace Observability.LoadSimulator.Metrics;

/// <summary>A minimal Kestrel app that serves <c>/metrics</c> for Prometheus while a run is active.</summary>
internal static class MetricsServer
{
    public static async Task<WebApplication> StartAsync(int port, CollectorRegistry registry, CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.ListenAnyIP(port));
        var app = builder.Build();
        app.MapMetrics("/metrics", registry);
        await app.StartAsync(cancellationToken);
        return app;
    }
}
