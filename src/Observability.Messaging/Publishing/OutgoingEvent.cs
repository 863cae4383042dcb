using Observability.Contracts.Clickstream;
using Observability.Contracts.Events;
using Observability.Contracts.Orders;
using Observability.Contracts.Topology;

namespace Observability.Messaging.Publishing;

/// <summary>Where an event goes: its stream, subject and the low-cardinality destination name used in span names.</summary>
public readonly record struct EventRoute(string Stream, string Subject, string DestinationTemplate)
{
    public static EventRoute Of(IEvent e) => e switch
    {
        IOrderEvent o => new(Streams.Orders, Subjects.Order(o.OrderId), Subjects.OrdersTemplate),
        IClickEvent c => Click(Subjects.Click(ClickKinds.Of(c))),
        _ => throw new ArgumentException($"No route for {e.GetType().Name}", nameof(e)),
    };

    private static EventRoute Click(string subject) => new(Streams.Clickstream, subject, subject);
}
