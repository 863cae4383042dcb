namespace Observability.Operations.Audit;

/// <summary>The engagement-window part of the audit: windows against the CLICKSTREAM events of their minute.</summary>
public sealed record EngagementAuditResult
{
    /// <summary>Windows audited: those in the bucket and those the stream's events call for.</summary>
    public long Windows { get; init; }

    /// <summary>Windows whose counts match the stream.</summary>
    public long Checked { get; init; }

    /// <summary>CLICKSTREAM messages read, and of those the unreadable ones.</summary>
    public long Messages { get; init; }

    public long Unreadable { get; init; }

    /// <summary>First stored CLICKSTREAM sequence: events below it aged out and cannot be checked.</summary>
    public ulong FirstStoredSequence { get; init; }

    /// <summary>Windows per finding kind (lost, applied_twice, wrong, pending, aged_out), with examples.</summary>
    public FindingCounts Findings { get; init; } = new();

    /// <summary>What the audit could not check, in words (e.g. windows whose events aged out, or counts under a run filter).</summary>
    public IReadOnlyList<string> Notes { get; init; } = [];
}
