namespace Observability.Operations.Audit;

/// <summary>How many orders (or windows) had each kind of finding, plus up to a bounded number of examples of each.</summary>
public sealed record FindingCounts
{
    public IReadOnlyDictionary<string, long> Counts { get; init; } = new Dictionary<string, long>(StringComparer.Ordinal);

    public IReadOnlyList<AuditFinding> Examples { get; init; } = [];

    public long this[string kind] => Counts.GetValueOrDefault(kind);

    public long FailureCount => FindingKinds.Failures.Sum(k => this[k]);
}
