namespace Observability.Operations.Audit;

/// <summary>Mutable counts of findings per kind with capped examples; one per partition, merged at the end.</summary>
internal sealed class FindingTally(int maxExamplesPerKind)
{
    private readonly Dictionary<string, long> _counts = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<AuditFinding>> _examples = new(StringComparer.Ordinal);

    public void Add(string kind, string key, IReadOnlyList<ulong> sequences, string detail)
    {
        _counts[kind] = _counts.GetValueOrDefault(kind) + 1;
        if (!_examples.TryGetValue(kind, out var list))
        {
            _examples[kind] = list = [];
        }

        if (list.Count < maxExamplesPerKind)
        {
            // Long sequence lists are cut: an example shows the pattern, the count says how many.
            list.Add(new AuditFinding(kind, key, sequences.Count > 20 ? [.. sequences.Take(20)] : [.. sequences], detail));
        }
    }

    public void MergeInto(FindingTally total)
    {
        foreach (var (kind, count) in _counts)
        {
            total._counts[kind] = total._counts.GetValueOrDefault(kind) + count;
        }

        foreach (var (kind, examples) in _examples)
        {
            if (!total._examples.TryGetValue(kind, out var list))
            {
                total._examples[kind] = list = [];
            }

            list.AddRange(examples.Take(Math.Max(0, maxExamplesPerKind - list.Count)));
        }
    }

    public FindingCounts ToCounts() => new()
    {
        Counts = new Dictionary<string, long>(_counts, StringComparer.Ordinal),
        Examples = [.. _examples.OrderBy(e => e.Key, StringComparer.Ordinal).SelectMany(e => e.Value.OrderBy(f => f.Key, StringComparer.Ordinal))],
    };
}
