using Microsoft.Extensions.Diagnostics.HealthChecks;
using Prometheus;

namespace Observability.BrokerExporter;

public static class BrokerExporterExtensions
{
    /// <summary>Options, the monitoring client, the broker metrics, JSON console logs and a liveness check.</summary>
    public static WebApplicationBuilder AddBrokerExporter(this WebApplicationBuilder builder)
    {
        var options = builder.Configuration.GetSection(BrokerExporterOptions.Section).Get<BrokerExporterOptions>() ?? new BrokerExporterOptions();
        builder.Services.AddSingleton(options);
        builder.Services.AddHttpClient<Monitoring.MonitoringClient>();
        builder.Services.AddSingleton(sp => new BrokerMetrics(sp.GetRequiredService<Monitoring.MonitoringClient>(), Metrics.DefaultRegistry));
        builder.Services.AddHealthChecks().AddCheck("self", () => HealthCheckResult.Healthy());

        builder.Logging.ClearProviders();
        builder.Logging.AddJsonConsole(o => o.UseUtcTimestamp = true);
        // A line per monitoring request or scrape would be most of the log: see the kit services' ServiceDefaults.
        builder.Logging.AddFilter("System.Net.Http.HttpClient", LogLevel.Warning);
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);

        // Broker figures and the process's own; no EventCounter or meter bridges (their names fail promtool's linter).
        Metrics.SuppressDefaultMetrics(new SuppressDefaultMetricOptions { SuppressEventCounters = true, SuppressMeters = true, SuppressDebugMetrics = true });
        return builder;
    }

    /// <summary><c>/metrics</c> (the broker read at each scrape), <c>/health</c> and <c>/alive</c>.</summary>
    public static WebApplication MapBrokerExporter(this WebApplication app)
    {
        var metrics = app.Services.GetRequiredService<BrokerMetrics>();
        Metrics.DefaultRegistry.AddBeforeCollectCallback(metrics.RefreshAsync);
        app.MapMetrics("/metrics");
        app.MapHealthChecks("/health");
        app.MapHealthChecks("/alive");
        return app;
    }
}
