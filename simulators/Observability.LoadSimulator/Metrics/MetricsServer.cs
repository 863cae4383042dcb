using Prometheus;

namespace Observability.LoadSimulator.Metrics;

/// <summary>A minimal Kestrel app that serves <c>/metrics</c> for Prometheus while a run is active.</summary>
internal static class MetricsServer
{
    public static async Task<WebApplication> StartAsync(int port, CollectorRegistry registry, CancellationToken cancellationToken)
    {
        // prometheus-net's EventCounter and System.Diagnostics.Metrics bridges export names `promtool check metrics`
        // rejects (gauges ending in _count and _total) and nothing reads them; the services turn them off the same
        // way. The process and GC collectors stay.
        Prometheus.Metrics.SuppressDefaultMetrics(new SuppressDefaultMetricOptions
        {
            SuppressEventCounters = true,
            SuppressMeters = true,
            SuppressDebugMetrics = true,
        });
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.ListenAnyIP(port));
        var app = builder.Build();
        app.MapMetrics("/metrics", registry);
        await app.StartAsync(cancellationToken);
        return app;
    }
}
