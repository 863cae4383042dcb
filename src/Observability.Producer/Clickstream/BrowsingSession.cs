using Observability.Producer.World;

namespace Observability.Producer.Clickstream;

/// <summary>One visitor's browsing: who (a customer, or anonymous), what they are looking at, and how many clicks are left.</summary>
internal sealed class BrowsingSession(string id, Customer? customer, int clicksLeft)
{
    public string Id { get; } = id;

    public Customer? Customer { get; } = customer;

    public string? CustomerId => Customer?.Id;

    public int ClicksLeft { get; set; } = clicksLeft;

    /// <summary>Products seen in this session; add-to-cart picks among them, as a shopper would.</summary>
    public List<Product> Viewed { get; } = [];
}
