using System.Reflection;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.HttpLogging;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using NATS.Client.OpenTelemetry;
using Observability.Contracts.Topology;
using Observability.Messaging.Telemetry;
using OpenTelemetry.Logs;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using Prometheus;

namespace Observability.ServiceDefaults;

/// <summary>
/// What every service of the kit shares: NATS and the topology, OpenTelemetry traces/logs/metrics (OTLP from the
/// standard <c>OTEL_*</c> variables), prometheus-net <c>/metrics</c>, structured logs with trace ids, and
/// <c>/health</c> (ready) and <c>/alive</c> (live).
/// </summary>
public static class ServiceDefaultsExtensions
{
    private const string LiveTag = "live";

    private static readonly string[] UntracedSubjects = ["_INBOX.>", "$JS.>", "$KV.>", "$O.>"];

    public static IHostApplicationBuilder AddServiceDefaults(this IHostApplicationBuilder builder)
    {
        builder.AddKitNats();
        builder.AddKitTelemetry();
        builder.Services.AddHealthChecks()
            .AddCheck("self", () => HealthCheckResult.Healthy(), [LiveTag])
            .AddCheck<NatsHealthCheck>("nats");
        return builder;
    }

    public static IHostApplicationBuilder AddKitTelemetry(this IHostApplicationBuilder builder)
    {
        var telemetry = builder.Configuration.GetSection(TelemetryOptions.Section).Get<TelemetryOptions>() ?? new TelemetryOptions();
        var serviceName = NatsServiceCollectionExtensions.ServiceName(builder);
        var version = Assembly.GetEntryAssembly()?.GetName().Version?.ToString() ?? "0.0.0";
        var otlp = !string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]);

        // Console logs as JSON lines with scopes, so every line carries the trace and span id of its activity.
        builder.Logging.Configure(o => o.ActivityTrackingOptions = ActivityTrackingOptions.TraceId | ActivityTrackingOptions.SpanId | ActivityTrackingOptions.ParentId);
        if (!builder.Environment.IsDevelopment())
        {
            builder.Logging.AddJsonConsole(o =>
            {
                o.IncludeScopes = true;
                o.UseUtcTimestamp = true;
                o.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ ";
            });
        }

        // Prometheus scrapes every few seconds and orchestrators probe health as often: ASP.NET Core's per-request
        // Information lines for those were most of an idle service's log. Requests are logged by HTTP logging instead,
        // one line each (method, path, status, duration), except the infrastructure paths.
        builder.Logging.AddFilter("Microsoft.AspNetCore.Hosting.Diagnostics", LogLevel.Warning);
        builder.Logging.AddFilter("Microsoft.AspNetCore.Routing.EndpointMiddleware", LogLevel.Warning);
        builder.Logging.AddFilter("Microsoft.AspNetCore.HttpLogging", LogLevel.Information);
        builder.Services.AddHttpLogging(o =>
        {
            o.LoggingFields = HttpLoggingFields.RequestMethod | HttpLoggingFields.RequestPath |
                              HttpLoggingFields.ResponseStatusCode | HttpLoggingFields.Duration;
            o.CombineLogs = true;
        });
        builder.Services.AddHttpLoggingInterceptor<InfrastructureRequestsUnlogged>();

        builder.Logging.AddOpenTelemetry(o =>
        {
            o.IncludeFormattedMessage = true;
            o.IncludeScopes = true;
            if (otlp)
            {
                o.AddOtlpExporter();
            }
        });

        var otel = builder.Services.AddOpenTelemetry()
            .ConfigureResource(r => r
                .AddService(serviceName, serviceVersion: version, serviceInstanceId: Environment.MachineName + "-" + Environment.ProcessId)
                .AddAttributes([new("deployment.environment.name", builder.Environment.EnvironmentName)]))
            .WithTracing(t =>
            {
                t.SetSampler(new ParentBasedSampler(new TraceIdRatioBasedSampler(telemetry.SamplingRatio)));
                t.AddSource(KitActivities.SourceName);
                t.AddAspNetCoreInstrumentation(o => o.Filter = ctx => !IsInfrastructurePath(ctx.Request.Path));
                t.AddHttpClientInstrumentation();
                if (telemetry.NatsClientSpans)
                {
                    t.AddNatsClientInstrumentation(o =>
                    {
                        // The kit's own subjects only: NATS.Net spans for anything else are noise.
                        o.FilterSubjects([.. Subjects.KitAll], UntracedSubjects);
                        // Span names must stay low-cardinality: one name for all order subjects.
                        o.SpanDestinationNameFormatter = Subjects.TemplateOf;
                    });
                }

                if (otlp)
                {
                    t.AddOtlpExporter();
                }
            });

        // OTLP metrics only when a receiver is configured; Prometheus scrapes /metrics either way.
        if (otlp)
        {
            otel.WithMetrics(m => m
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddRuntimeInstrumentation()
                .AddOtlpExporter());
        }

        // prometheus-net: keep the process and GC collectors; do not bridge every System.Diagnostics.Metrics meter
        // (NATS.Net's included), which cut consume throughput to 0.39x when measured on a 2-core machine. The
        // EventCounter bridge is off too: its names (system_runtime_*_count as gauges, a gauge ending in _total) fail
        // `promtool check metrics`, and no dashboard reads them; the thread-pool figures come from ThreadPoolMetrics.
        Metrics.SuppressDefaultMetrics(new SuppressDefaultMetricOptions
        {
            SuppressMeters = true,
            SuppressDebugMetrics = true,
            SuppressEventCounters = true,
            SuppressProcessMetrics = false,
        });
        ThreadPoolMetrics.Register();
        return builder;
    }

    /// <summary>Maps <c>/metrics</c>, <c>/health</c> and <c>/alive</c>, and records HTTP metrics.</summary>
    public static WebApplication MapDefaultEndpoints(this WebApplication app)
    {
        app.UseHttpLogging();
        app.UseHttpMetrics(o => o.ReduceStatusCodeCardinality());
        app.MapMetrics("/metrics");
        app.MapHealthChecks("/health", new HealthCheckOptions { ResponseWriter = HealthResponse.WriteAsync });
        app.MapHealthChecks("/alive", new HealthCheckOptions { Predicate = r => r.Tags.Contains(LiveTag) });
        return app;
    }

    internal static bool IsInfrastructurePath(PathString path) =>
        path.StartsWithSegments("/metrics") || path.StartsWithSegments("/health") || path.StartsWithSegments("/alive");
}
