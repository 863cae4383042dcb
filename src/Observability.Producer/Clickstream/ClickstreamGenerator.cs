using Bogus;
using Observability.Contracts.Clickstream;
using Observability.Producer.World;

namespace Observability.Producer.Clickstream;

/// <summary>
/// The browsing clickstream: a pool of <see cref="ProducerOptions.ConcurrentSessions"/> open sessions; each click goes to
/// a random open session, which views pages and products, searches, and sometimes adds a viewed product to its cart
/// (abandoned carts: the buying sessions come with orders, see <c>OrderScriptWriter</c>). A session closes after its
/// click budget and a new one opens. One <see cref="Randomizer"/> seeded from the run seed drives it, so the n-th click
/// is the same for the same seed; its id is <c>clk-&lt;seed&gt;-&lt;n&gt;</c>.
/// </summary>
internal sealed class ClickstreamGenerator
{
    private static readonly string[] StaticPages = ["/", "/", "/", "/deals", "/cart", "/account", "/help", "/stores"];

    private readonly SyntheticWorld _world;
    private readonly Randomizer _random;
    private readonly BrowsingSession[] _sessions;
    private readonly int[] _kinds = [0, 1, 2, 3];
    private readonly float[] _weights;
    private long _nextSession;
    private long _nextClick;

    public ClickstreamGenerator(SyntheticWorld world, ProducerOptions options)
    {
        _world = world;
        _random = new Randomizer(SeedMixer.Derive(world.Seed, SeedMixer.Clicks, 0));
        var total = options.PageViewWeight + options.ProductViewWeight + options.SearchWeight + options.AddToCartWeight;
        _weights =
        [
            (float)(options.PageViewWeight / total),
            (float)(options.ProductViewWeight / total),
            (float)(options.SearchWeight / total),
            (float)(options.AddToCartWeight / total),
        ];
        _sessions = new BrowsingSession[options.ConcurrentSessions];
        for (var i = 0; i < _sessions.Length; i++)
        {
            _sessions[i] = OpenSession();
        }
    }

    public (IClickEvent Event, string EventId) Next(DateTimeOffset occurredAt)
    {
        var slot = _random.Int(0, _sessions.Length - 1);
        var session = _sessions[slot];
        var click = NextClick(session, occurredAt);
        if (--session.ClicksLeft <= 0)
        {
            _sessions[slot] = OpenSession();
        }

        return (click, $"clk-{_world.Seed}-{_nextClick++}");
    }

    private IClickEvent NextClick(BrowsingSession s, DateTimeOffset at)
    {
        var kind = _random.WeightedRandom(_kinds, _weights);
        switch (kind)
        {
            case 1:
                return ViewProduct(s, at);
            case 2:
                // One search in twenty is a typo that finds nothing.
                var term = _random.ArrayElement(_world.SearchTerms);
                return _random.Bool(0.05f)
                    ? new Searched(s.Id, s.CustomerId, term + _random.String2(2, "qxzj"), 0, at)
                    : new Searched(s.Id, s.CustomerId, term, _world.SearchResults[term], at);
            case 3 when s.Viewed.Count > 0:
                return new AddedToCart(s.Id, s.CustomerId, _random.ListItem(s.Viewed).Sku, _random.WeightedRandom([1, 2, 3], [0.8f, 0.15f, 0.05f]), at);
            case 3:
                // Nothing viewed yet: nothing to add, so the shopper looks at a product first.
                return ViewProduct(s, at);
            default:
                var path = _random.Bool(0.6f)
                    ? _random.ArrayElement(StaticPages)
                    : "/c/" + SyntheticWorld.Slug(s.Customer is { } c && _random.Bool(0.5f) ? c.PreferredCategory : _random.ArrayElement(_world.Categories));
                return new PageViewed(s.Id, s.CustomerId, path, at);
        }
    }

    private ProductViewed ViewProduct(BrowsingSession s, DateTimeOffset at)
    {
        var product = s.Customer is { } c && _random.Bool(0.5f) ? _world.PickProduct(_random, c.PreferredCategory) : _world.PickProduct(_random);
        s.Viewed.Add(product);
        return new ProductViewed(s.Id, s.CustomerId, product.Sku, at);
    }

    private BrowsingSession OpenSession()
    {
        // About 60% of visitors are signed in; sessions last 3 to 30 clicks.
        var customer = _random.Bool(0.6f) ? _world.PickCustomer(_random) : null;
        return new BrowsingSession($"ses-{_world.Seed}-{_nextSession++}", customer, _random.Int(3, 30));
    }
}
