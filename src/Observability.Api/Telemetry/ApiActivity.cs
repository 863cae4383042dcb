using System.Diagnostics;
using Observability.Contracts.Orders;
using Observability.Messaging.Telemetry;

namespace Observability.Api.Telemetry;

/// <summary>Tags the current HTTP server span with the order id and the command outcome, so a trace can be found by order.</summary>
internal static class ApiActivity
{
    public static void TagOrder(string orderId) => Activity.Current?.SetTag(IOrderEvent.KeyAttribute, orderId);

    public static void TagOutcome(string outcome) => Activity.Current?.SetTag(KitActivities.Outcome, outcome);
}
