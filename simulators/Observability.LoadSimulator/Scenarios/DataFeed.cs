using Bogus;

namespace Observability.LoadSimulator.Scenarios;

/// <summary>
/// Factories for seeded data feeds: the same seed gives the same items in the same order, so a run can be
/// repeated with the same data.
/// </summary>
public static class DataFeed
{
    /// <summary>Hands out <paramref name="items"/> in order, wrapping around.</summary>
    public static DataFeed<T> Circular<T>(IEnumerable<T> items) => new([.. items], randomOrder: false);

    /// <summary>Hands out a random item, drawn from the iteration's seeded <see cref="ScenarioContext.Random"/>.</summary>
    public static DataFeed<T> Random<T>(IEnumerable<T> items) => new([.. items], randomOrder: true);

    /// <summary>Generates <paramref name="count"/> items with a Bogus <see cref="Faker"/> seeded by <paramref name="seed"/>.</summary>
    public static DataFeed<T> Generate<T>(int seed, int count, Func<Faker, T> create, bool randomOrder = false)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        var faker = new Faker { Random = new Randomizer(seed) };
        // Relative dates (Date.Past, ...) would otherwise depend on the wall clock.
        faker.Date.LocalSystemClock = static () => new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Local);
        var items = new List<T>(count);
        for (var i = 0; i < count; i++)
        {
            items.Add(create(faker));
        }

        return new DataFeed<T>(items, randomOrder);
    }

    /// <summary>Generates <paramref name="count"/> items from a Bogus <see cref="Faker{T}"/>, seeded by <paramref name="seed"/>.</summary>
    public static DataFeed<T> FromFaker<T>(Faker<T> faker, int seed, int count, bool randomOrder = false)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(faker);
        return new DataFeed<T>(faker.UseSeed(seed).Generate(count), randomOrder);
    }
}
