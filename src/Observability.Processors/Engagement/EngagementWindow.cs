namespace Observability.Processors.Engagement;

/// <summary>
/// One one-minute tumbling window of clickstream engagement, by event time, stored under <c>yyyyMMddHHmm</c> in the
/// <c>engagement-windows</c> bucket. <see cref="Applied"/> records the stream sequences counted, which makes
/// re-applying a redelivered event a no-op.
/// </summary>
public sealed record EngagementWindow
{
    public required string Window { get; init; }
    public required DateTimeOffset Start { get; init; }
    public long PageViews { get; init; }
    public long ProductViews { get; init; }
    public long AddsToCart { get; init; }
    public long Searches { get; init; }
    public Dictionary<string, long> ProductViewsBySku { get; init; } = [];
    public Dictionary<string, long> AddsToCartBySku { get; init; } = [];
    public HashSet<string> Sessions { get; init; } = [];
    public int SessionCount { get; init; }
    public List<SequenceRange> Applied { get; init; } = [];
    public DateTimeOffset UpdatedAt { get; init; }

    /// <summary>A copy whose collections can be changed without touching this one (a cached value stays intact).</summary>
    public EngagementWindow Copy() => this with
    {
        ProductViewsBySku = new(ProductViewsBySku, StringComparer.Ordinal),
        AddsToCartBySku = new(AddsToCartBySku, StringComparer.Ordinal),
        Sessions = new(Sessions, StringComparer.Ordinal),
        Applied = [.. Applied],
    };
}
