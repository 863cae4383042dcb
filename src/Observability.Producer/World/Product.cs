namespace Observability.Producer.World;

/// <summary>A catalogue entry. Products earlier in the catalogue are more popular (see <c>SyntheticWorld.PickProduct</c>).</summary>
internal sealed record Product(string Sku, string Name, string Category, decimal Price);
