using Observability.LoadSimulator.Scenarios;

namespace Observability.LoadSimulator.Tests;

public sealed class DataFeedTests
{
    private sealed record Customer(string Name, string Email, int Age);

    private static DataFeed<Customer> Customers(int seed) =>
        DataFeed.Generate(seed, 100, f => new Customer(f.Name.FullName(), f.Internet.Email(), f.Random.Int(18, 90)));

    [Fact]
    public void The_same_seed_generates_the_same_items()
    {
        Assert.Equal(Customers(11).Items, Customers(11).Items);
        Assert.NotEqual(Customers(11).Items, Customers(12).Items);
    }

    [Fact]
    public void A_faker_feed_with_the_same_seed_generates_the_same_items()
    {
        static DataFeed<Customer> Feed(int seed) => DataFeed.FromFaker(
            new Bogus.Faker<Customer>().CustomInstantiator(f => new Customer(f.Name.FirstName(), f.Internet.Email(), f.Random.Int(1, 9))),
            seed,
            10);

        Assert.Equal(Feed(3).Items, Feed(3).Items);
    }

    [Fact]
    public void A_circular_feed_hands_out_items_by_invocation_number()
    {
        var feed = DataFeed.Circular(["a", "b", "c"]);

        Assert.Equal(["a", "b", "c", "a"], new long[] { 1, 2, 3, 4 }.Select(n => feed.GetNextItem(ScenarioContexts.Create(n))));
    }

    [Fact]
    public void A_random_feed_draws_from_the_iteration_seeded_random_so_it_repeats_per_invocation()
    {
        var feed = DataFeed.Random(Enumerable.Range(0, 1000));

        Assert.Equal(feed.GetNextItem(ScenarioContexts.Create(5)), feed.GetNextItem(ScenarioContexts.Create(5)));
    }
}
