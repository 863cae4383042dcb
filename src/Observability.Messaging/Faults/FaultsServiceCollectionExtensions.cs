using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using NATS.Client.JetStream;
using Observability.Contracts.Topology;

namespace Observability.Messaging.Faults;

/// <summary>Registers the fault switchboard: one <see cref="FaultSwitchboard"/> per process, watched live from its bucket.</summary>
public static class FaultsServiceCollectionExtensions
{
    public static IServiceCollection AddFaultSwitchboard(this IServiceCollection services, string bucket = Buckets.Faults)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(sp => new FaultSwitchboard(sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILogger<FaultSwitchboard>>()));
        services.AddSingleton<IHostedService>(sp => new FaultSwitchboardWatcher(
            sp.GetRequiredService<INatsJSContext>(), sp.GetRequiredService<FaultSwitchboard>(), bucket, sp.GetRequiredService<ILogger<FaultSwitchboardWatcher>>()));
        return services;
    }
}
