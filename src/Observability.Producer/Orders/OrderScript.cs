using Observability.Contracts.Clickstream;

namespace Observability.Producer.Orders;

/// <summary>
/// The whole planned story of one order: the shopping session that leads to it (product views and add-to-cart
/// clicks, published just before the placement) and its commands with their delays. Decided up front from the seed
/// and the order number alone, so it does not depend on timing, broker speed or any other order.
/// </summary>
internal sealed record OrderScript(string OrderId, long Number, IReadOnlyList<OrderStep> Steps, IReadOnlyList<(IClickEvent Event, string EventId)> ShoppingClicks);
