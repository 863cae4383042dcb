using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using NATS.Client.Core;
using NATS.Client.JetStream;
using Observability.Messaging.DeadLetters;
using Observability.Messaging.Lag;
using Observability.Messaging.Replay;

namespace Observability.Messaging.Consuming;

/// <summary>Registers the consumer side: consumer hosts, the lag monitor and the max-deliveries dead-letter listener. Needs an <see cref="INatsConnection"/> and <see cref="INatsJSContext"/> in the container.</summary>
public static class ConsumingServiceCollectionExtensions
{
    /// <summary>
    /// Runs <paramref name="handler"/> on the durable named in <paramref name="options"/> for the application's lifetime,
    /// starting once <paramref name="ready"/> (e.g. "the topology exists") completes.
    /// </summary>
    public static IServiceCollection AddEventConsumer(
        this IServiceCollection services, ConsumerHostOptions options, Func<IServiceProvider, IEventHandler> handler, Func<IServiceProvider, CancellationToken, Task>? ready = null) =>
        services.AddEventConsumer(_ => options, handler, ready);

    /// <summary>As above, with options that need the container (e.g. interceptors that are services themselves).</summary>
    public static IServiceCollection AddEventConsumer(
        this IServiceCollection services, Func<IServiceProvider, ConsumerHostOptions> options, Func<IServiceProvider, IEventHandler> handler, Func<IServiceProvider, CancellationToken, Task>? ready = null)
    {
        services.AddSingleton<IHostedService>(sp =>
        {
            // One handler serves deliveries and replays, so both go through the same read-model state.
            var instance = handler(sp);
            var loggers = sp.GetRequiredService<ILoggerFactory>();
            var js = sp.GetRequiredService<INatsJSContext>();
            var hostOptions = options(sp);
            return new ConsumerHostedService(
                new ConsumerHost(js, hostOptions, instance, loggers.CreateLogger<ConsumerHost>()),
                sp.GetRequiredService<ILogger<ConsumerHostedService>>(),
                ready is null ? null : ct => ready(sp, ct),
                new ReplayResponder(sp.GetRequiredService<INatsConnection>(), js, hostOptions, instance, loggers.CreateLogger<ReplayResponder>()));
        });
        return services;
    }

    /// <summary>Polls consumer lag into the <c>kit_consumer_*</c> gauges.</summary>
    public static IServiceCollection AddLagMonitor(this IServiceCollection services, LagMonitorOptions? options = null)
    {
        services.AddSingleton<IHostedService>(sp => new LagMonitor(
            sp.GetRequiredService<INatsJSContext>(), options ?? LagMonitorOptions.Default, TimeProvider.System, sp.GetRequiredService<ILogger<LagMonitor>>()));
        return services;
    }

    /// <summary>Dead-letters messages reported by the broker's MAX_DELIVERIES advisory for the given durables.</summary>
    public static IServiceCollection AddMaxDeliveriesDeadLetters(this IServiceCollection services, IReadOnlyList<DurableName> durables)
    {
        services.AddSingleton<IHostedService>(sp => new MaxDeliveriesAdvisoryListener(
            sp.GetRequiredService<INatsConnection>(), sp.GetRequiredService<INatsJSContext>(), durables, sp.GetRequiredService<ILogger<MaxDeliveriesAdvisoryListener>>()));
        return services;
    }
}
