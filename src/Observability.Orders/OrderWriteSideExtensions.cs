using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using NATS.Client.JetStream;
using Observability.Messaging.Publishing;
using Observability.Orders.Commands;
using Observability.Orders.EventStore;

namespace Observability.Orders;

public static class OrderWriteSideExtensions
{
    /// <summary>
    /// The order write side: the event store over the ORDERS stream and the command handler. Needs the kit's NATS
    /// registration (JetStream context and publisher) before it.
    /// </summary>
    public static IServiceCollection AddOrderWriteSide(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(sp => new OrderEventStore(sp.GetRequiredService<INatsJSContext>()));
        services.AddSingleton(sp => new OrderCommandHandler(
            sp.GetRequiredService<EventPublisher>(), sp.GetRequiredService<OrderEventStore>(), sp.GetRequiredService<TimeProvider>()));
        return services;
    }
}
