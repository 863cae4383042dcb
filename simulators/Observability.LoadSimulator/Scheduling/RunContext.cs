using Observability.LoadSimulator.Metrics;
using Observability.LoadSimulator.Plugins;

namespace Observability.LoadSimulator.Scheduling;

/// <summary>What every scenario runner of one run shares.</summary>
internal sealed class RunContext
{
    public required string RunId { get; init; }

    public required RunOptions Options { get; init; }

    public required TimeProvider Time { get; init; }

    public required ILoggerFactory LoggerFactory { get; init; }

    public LoadSimMetrics? Metrics { get; init; }

    public required long StartTimestamp { get; init; }

    public required DateTimeOffset StartedAt { get; init; }

    public required Func<PhaseChange, CancellationToken, Task> OnPhase { get; init; }

    public TimeSpan Elapsed => Time.GetElapsedTime(StartTimestamp);
}
