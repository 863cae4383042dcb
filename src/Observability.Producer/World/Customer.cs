namespace Observability.Producer.World;

/// <summary>A synthetic customer. Only the id travels in events; the rest shapes what the customer browses and buys.</summary>
internal sealed record Customer(string Id, string Name, string PreferredCategory);
