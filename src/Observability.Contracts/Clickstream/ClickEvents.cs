using Observability.Contracts.Events;
using Observability.Contracts.Topology;

namespace Observability.Contracts.Clickstream;

// Clickstream events, version 1. Subject kind (clicks.<kind>) is in ClickKinds.

public interface IClickEvent : IEvent
{
    string SessionId { get; }

    /// <summary>One subject per kind: the subjects are few, so each is its own destination template.</summary>
    EventRoute IEvent.Route => new(Streams.Clickstream, Subjects.Click(ClickKinds.Of(this)), Subjects.Click(ClickKinds.Of(this)));
}

[EventType("clickstream.page-viewed.v1")]
public sealed record PageViewed(string SessionId, string? CustomerId, string Path, DateTimeOffset OccurredAt) : IClickEvent;

[EventType("clickstream.product-viewed.v1")]
public sealed record ProductViewed(string SessionId, string? CustomerId, string Sku, DateTimeOffset OccurredAt) : IClickEvent;

[EventType("clickstream.added-to-cart.v1")]
public sealed record AddedToCart(string SessionId, string? CustomerId, string Sku, int Quantity, DateTimeOffset OccurredAt) : IClickEvent;

[EventType("clickstream.searched.v1")]
public sealed record Searched(string SessionId, string? CustomerId, string Query, int ResultCount, DateTimeOffset OccurredAt) : IClickEvent;

/// <summary>The subject token of each clickstream event: <c>clicks.page_viewed</c> and so on.</summary>
public static class ClickKinds
{
    public const string PageViewed = "page_viewed";
    public const string ProductViewed = "product_viewed";
    public const string AddedToCart = "added_to_cart";
    public const string Searched = "searched";

    public static string Of(IClickEvent e) => e switch
    {
        Clickstream.PageViewed => PageViewed,
        Clickstream.ProductViewed => ProductViewed,
        Clickstream.AddedToCart => AddedToCart,
        Clickstream.Searched => Searched,
        _ => throw new ArgumentException($"Unknown click event {e.GetType().Name}", nameof(e)),
    };
}
