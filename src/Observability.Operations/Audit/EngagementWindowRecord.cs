namespace Observability.Operations.Audit;

/// <summary>
/// The fields of an engagement window (written by the processors' engagement projection) that the audit checks:
/// its counts and the stream sequences it counted. Other fields of the stored JSON are ignored.
/// </summary>
internal sealed record EngagementWindowRecord
{
    public string Window { get; init; } = "";
    public DateTimeOffset Start { get; init; }
    public long PageViews { get; init; }
    public long ProductViews { get; init; }
    public long AddsToCart { get; init; }
    public long Searches { get; init; }
    public List<CountedRange> Applied { get; init; } = [];
}

/// <summary>An inclusive range of CLICKSTREAM sequences a window counted.</summary>
internal readonly record struct CountedRange(ulong From, ulong To);
