namespace Observability.LoadSimulator.Faults;

/// <summary>
/// What one fault step did in a run: its planned and actual window (seconds from the run start) and what the
/// consumer went through meanwhile. Part of <c>report.json</c> (<c>faults</c>) and drawn as a band in report.html.
/// </summary>
public sealed record FaultWindow
{
    /// <summary>The step as text, e.g. <c>exception 20% on order-summary at 20s for 30s</c>.</summary>
    public required string Step { get; init; }

    /// <summary>A fault kind or <c>broker-restart</c>.</summary>
    public required string Kind { get; init; }

    /// <summary>The switch's key in <c>kit-faults</c>; null for a broker restart.</summary>
    public string? SwitchId { get; init; }

    public double PlannedStartSeconds { get; init; }

    public double PlannedEndSeconds { get; init; }

    /// <summary>When the switch was put (or the command started); null if the step never started.</summary>
    public double? StartSeconds { get; init; }

    /// <summary>When the switch was deleted (or the command returned); null if the step never ended.</summary>
    public double? EndSeconds { get; init; }

    public DateTimeOffset? StartedAt { get; init; }

    public DateTimeOffset? EndedAt { get; init; }

    /// <summary><c>done</c>, <c>cut short</c> (the run ended first), <c>skipped</c> or <c>failed</c>.</summary>
    public string Status { get; init; } = FaultWindowStatus.Pending;

    /// <summary>Why it failed, or the broker restart's command and exit code.</summary>
    public string? Detail { get; init; }

    /// <summary>Deliveries of the watched consumer during the window beyond the first of each message.</summary>
    public long? Redeliveries { get; init; }

    /// <summary>Messages written to DEADLETTER during the window.</summary>
    public long? DeadLetters { get; init; }

    /// <summary>Consumer lag (pending + ack pending) when the window opened.</summary>
    public double? LagAtStart { get; init; }

    /// <summary>Consumer lag when the window closed.</summary>
    public double? LagAtEnd { get; init; }
}
