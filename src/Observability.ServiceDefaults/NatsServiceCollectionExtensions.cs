using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NATS.Client.Core;
using NATS.Client.JetStream;
using NATS.Client.KeyValueStore;
using Observability.Messaging.Publishing;
using Observability.Messaging.Topology;

namespace Observability.ServiceDefaults;

public static class NatsServiceCollectionExtensions
{
    /// <summary>
    /// One shared NATS connection, its JetStream and KV contexts, the kit's publisher, and a hosted
    /// service that creates the topology at start-up (retrying until the broker answers).
    /// </summary>
    public static IHostApplicationBuilder AddKitNats(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.Configure<NatsOptions>(builder.Configuration.GetSection(NatsOptions.Section));
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<NatsOptions>>().Value);
        services.AddSingleton(_ => builder.Configuration.GetSection("Topology").Get<TopologyOptions>() ?? TopologyOptions.Default);
        services.AddSingleton(sp =>
        {
            var options = sp.GetRequiredService<NatsOptions>();
            return new NatsConnection(NatsOpts.Default with
            {
                Url = options.Url,
                Name = builder.Environment.ApplicationName,
                RequestTimeout = options.RequestTimeout,
                AuthOpts = NatsAuthOpts.Default with { Username = options.User, Password = options.ResolvePassword(), CredsFile = options.CredsFile },
                LoggerFactory = sp.GetRequiredService<ILoggerFactory>(),
                // Keep trying forever: in compose the services may start before the broker is ready.
                MaxReconnectRetry = -1,
            });
        });
        services.AddSingleton<INatsConnection>(sp => sp.GetRequiredService<NatsConnection>());
        services.AddSingleton<INatsJSContext>(sp => new NatsJSContext(sp.GetRequiredService<NatsConnection>()));
        services.AddSingleton<INatsKVContext>(sp => new NatsKVContext(sp.GetRequiredService<INatsJSContext>()));
        services.AddSingleton(sp => new EventPublisher(
            sp.GetRequiredService<INatsJSContext>(),
            new EventPublisherOptions
            {
                Source = "/kit/" + ServiceName(builder),
                SchemaBaseUri = builder.Configuration.GetValue<Uri>("Schemas:BaseUri") ?? EventPublisherOptions.Default.SchemaBaseUri,
            }));
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<TopologyInitializer>();
        services.AddHostedService(sp => sp.GetRequiredService<TopologyInitializer>());
        return builder;
    }

    internal static string ServiceName(IHostApplicationBuilder builder) =>
        builder.Configuration["OTEL_SERVICE_NAME"] ?? builder.Environment.ApplicationName;
}
