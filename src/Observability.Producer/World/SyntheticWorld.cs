using System.Collections.Frozen;
using System.Globalization;
using Bogus;

namespace Observability.Producer.World;

/// <summary>
/// The consistent synthetic world of one seed: customers, a product catalogue with categories and prices, and the
/// search vocabulary with its result counts. Built with a Bogus <see cref="Faker"/> that owns its own
/// <see cref="Randomizer"/> (never the global <c>Randomizer.Seed</c>), so two worlds never disturb each other.
/// </summary>
internal sealed class SyntheticWorld
{
    private SyntheticWorld(int seed, Customer[] customers, Product[] products, string[] categories, FrozenDictionary<string, int> searchTerms)
    {
        Seed = seed;
        Customers = customers;
        Products = products;
        Categories = categories;
        SearchResults = searchTerms;
        SearchTerms = [.. searchTerms.Keys.Order(StringComparer.Ordinal)];
        ProductsByCategory = products.GroupBy(p => p.Category, StringComparer.Ordinal)
            .ToFrozenDictionary(g => g.Key, g => g.ToArray(), StringComparer.Ordinal);
    }

    public int Seed { get; }

    public IReadOnlyList<Customer> Customers { get; }

    /// <summary>Most popular first.</summary>
    public IReadOnlyList<Product> Products { get; }

    public string[] Categories { get; }

    /// <summary>Search terms in a stable order, each with how many products it finds.</summary>
    public string[] SearchTerms { get; }

    public FrozenDictionary<string, int> SearchResults { get; }

    private FrozenDictionary<string, Product[]> ProductsByCategory { get; }

    public static SyntheticWorld Create(int seed, int customerCount, int productCount)
    {
        var faker = new Faker("en") { Random = new Randomizer(SeedMixer.Derive(seed, SeedMixer.World, 0)) };

        var products = new Product[productCount];
        for (var i = 0; i < productCount; i++)
        {
            var category = faker.Commerce.Categories(1)[0];
            var prefix = new string([.. category.Where(char.IsLetter).Take(3)]).ToUpperInvariant().PadRight(3, 'X');
            var price = Math.Round(faker.Random.Decimal(2m, 400m), 2);
            products[i] = new Product($"{prefix}-{i:D4}", faker.Commerce.ProductName(), category, price);
        }

        var categories = products.Select(p => p.Category).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
        var customers = new Customer[customerCount];
        for (var i = 0; i < customerCount; i++)
        {
            customers[i] = new Customer($"cus-{seed}-{i}", faker.Name.FullName(), faker.Random.ArrayElement(categories));
        }

        return new SyntheticWorld(seed, customers, products, categories, BuildSearchIndex(products));
    }

    /// <summary>A popularity-skewed pick: the square of a uniform number favours the head of the catalogue (a long tail).</summary>
    public Product PickProduct(Randomizer random)
    {
        var u = random.Double();
        return Products[(int)(u * u * Products.Count)];
    }

    /// <summary>A product of the category when it has any, else any product.</summary>
    public Product PickProduct(Randomizer random, string category) =>
        ProductsByCategory.TryGetValue(category, out var inCategory) ? random.ArrayElement(inCategory) : PickProduct(random);

    /// <summary>Some customers come back more often than others.</summary>
    public Customer PickCustomer(Randomizer random) => Customers[(int)(Math.Pow(random.Double(), 1.5) * Customers.Count)];

    /// <summary>URL-ish slug of a category for page paths.</summary>
    public static string Slug(string text) => text.ToLowerInvariant().Replace(' ', '-');

    private static FrozenDictionary<string, int> BuildSearchIndex(Product[] products)
    {
        var terms = products
            .SelectMany(p => p.Name.Split(' ', StringSplitOptions.RemoveEmptyEntries).Append(p.Category))
            .Select(t => t.ToLower(CultureInfo.InvariantCulture))
            .Distinct(StringComparer.Ordinal);
        return terms.ToFrozenDictionary(
            t => t,
            t => products.Count(p => p.Name.Contains(t, StringComparison.OrdinalIgnoreCase) || p.Category.Contains(t, StringComparison.OrdinalIgnoreCase)),
            StringComparer.Ordinal);
    }
}
