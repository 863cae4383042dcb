namespace Observability.Operations.Audit;

/// <summary>The outcome of <see cref="DeliveryAudit.RunAsync"/>.</summary>
public sealed record AuditReport
{
    public required DateTimeOffset StartedAt { get; init; }

    public required TimeSpan Duration { get; init; }

    public string? RunId { get; init; }

    public required OrderAuditResult Orders { get; init; }

    public EngagementAuditResult? Engagement { get; init; }

    /// <summary>Consumers that still had lag when the audit read (after <see cref="AuditOptions.Wait"/>, when given).</summary>
    public IReadOnlyList<ConsumerBacklog> InFlight { get; init; } = [];

    /// <summary>True when something was lost, applied twice, applied out of order or is wrong.</summary>
    public bool HasFailures => Orders.Findings.FailureCount > 0 || (Engagement?.Findings.FailureCount ?? 0) > 0;
}
