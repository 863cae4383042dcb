namespace Observability.Operations.Audit;

/// <summary>What the delivery audit checks and how long it may wait for the processors to catch up.</summary>
public sealed record AuditOptions
{
    /// <summary>Only orders and clicks of this load run (header <c>kit-run-id</c>); null for everything stored.</summary>
    public string? RunId { get; init; }

    /// <summary>Wait up to this long for the consumers' lag to reach 0 before auditing; null to audit at once.</summary>
    public TimeSpan? Wait { get; init; }

    /// <summary>Also audit the engagement windows against CLICKSTREAM.</summary>
    public bool Engagement { get; init; } = true;

    /// <summary>Findings listed per kind in the report (all are counted); the rest are summarised by their count.</summary>
    public int MaxExamplesPerKind { get; init; } = 20;

    /// <summary>Worker partitions that decode and check messages in parallel. Default: one per core.</summary>
    public int Partitions { get; init; } = Environment.ProcessorCount;
}
