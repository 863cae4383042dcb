namespace Observability.LoadSimulator.Faults;

/// <summary>The values of <see cref="FaultWindow.Status"/>.</summary>
public static class FaultWindowStatus
{
    public const string Pending = "pending";
    public const string Done = "done";

    /// <summary>The run ended while the switch was set: it was cleared then.</summary>
    public const string CutShort = "cut short";

    /// <summary>The run ended before the step's time.</summary>
    public const string Skipped = "skipped";

    /// <summary>The switch could not be written or the command failed.</summary>
    public const string Failed = "failed";
}
