namespace Observability.LoadSimulator.Scenarios;

/// <summary>A fixed list of items handed to iterations. Thread-safe; build it with <see cref="DataFeed"/>.</summary>
public sealed class DataFeed<T>
{
    private readonly bool _randomOrder;

    internal DataFeed(IReadOnlyList<T> items, bool randomOrder)
    {
        if (items.Count == 0)
        {
            throw new ArgumentException("A data feed needs at least one item.", nameof(items));
        }

        Items = items;
        _randomOrder = randomOrder;
    }

    public IReadOnlyList<T> Items { get; }

    /// <summary>
    /// The item for this iteration: circular feeds pick by invocation number, random feeds draw from the
    /// iteration's seeded Random, so the choice does not depend on thread timing.
    /// </summary>
    public T GetNextItem(ScenarioContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var index = _randomOrder
            ? context.Random.Next(Items.Count)
            : (int)((context.InvocationNumber - 1) % Items.Count);
        return Items[index];
    }
}
