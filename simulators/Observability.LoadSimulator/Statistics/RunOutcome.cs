namespace Observability.LoadSimulator.Statistics;

/// <summary>How a run ended.</summary>
public enum RunOutcome
{
    /// <summary>Ran to the end; thresholds passed.</summary>
    Passed = 0,

    /// <summary>Ran to the end; at least one threshold failed.</summary>
    ThresholdsFailed = 1,

    /// <summary>Stopped early (runtime threshold, init failure, or Ctrl+C).</summary>
    Aborted = 2,
}
