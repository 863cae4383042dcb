using Observability.LoadSimulator.Faults;
using Observability.LoadSimulator.Plugins;
using Observability.LoadSimulator.Thresholds;

namespace Observability.LoadSimulator.Statistics;

/// <summary>The whole run: what <c>report.json</c> contains.</summary>
public sealed record RunResult
{
    public required string RunId { get; init; }

    public int Seed { get; init; }

    public DateTimeOffset StartedAt { get; init; }

    public double DurationSeconds { get; init; }

    public double IntervalSeconds { get; init; }

    public RunOutcome Outcome { get; init; }

    /// <summary>Process exit code: 0 passed, 1 thresholds failed, 2 aborted.</summary>
    public int ExitCode => (int)Outcome;

    public string? AbortReason { get; init; }

    public required IReadOnlyList<ScenarioResult> Scenarios { get; init; }

    /// <summary>All threshold verdicts: per scenario and from plugins.</summary>
    public IReadOnlyList<ThresholdResult> Thresholds { get; init; } = [];

    public IReadOnlyList<PluginSeries> PluginSeries { get; init; } = [];

    /// <summary>Typed figures from plugins (freshness, drain, knee), for scripts.</summary>
    public IReadOnlyList<RunFigure> Figures { get; init; } = [];

    /// <summary>Fault windows of the run's fault timelines, in start order; empty without faults.</summary>
    public IReadOnlyList<FaultWindow> Faults { get; init; } = [];
}
