namespace Observability.Operations.Audit;

/// <summary>The order-summary part of the audit.</summary>
public sealed record OrderAuditResult
{
    /// <summary>Orders audited (in the run, when restricted to one).</summary>
    public long Orders { get; init; }

    /// <summary>Orders with no failing finding.</summary>
    public long Checked { get; init; }

    /// <summary>ORDERS messages read, and of those the unreadable ones (expected to be skipped).</summary>
    public long Messages { get; init; }

    public long Unreadable { get; init; }

    /// <summary>Summaries read from the bucket.</summary>
    public long Summaries { get; init; }

    /// <summary>Orders per finding kind, with examples.</summary>
    public FindingCounts Findings { get; init; } = new();
}
