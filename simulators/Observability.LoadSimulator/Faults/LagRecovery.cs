using Observability.LoadSimulator.Plugins;

namespace Observability.LoadSimulator.Faults;

/// <summary>
/// Recovery time: from the last fault's end to the moment lag reached 0 for good (the start of the run of zero samples
/// that lasts to the end of the series). A zero that lag rises from again, as right after a broker restart before the
/// consumers pull once more, is not a recovery.
/// </summary>
public static class LagRecovery
{
    /// <summary>Seconds from <paramref name="lastFaultEnd"/> to lasting lag 0, or null when the series does not end at 0.</summary>
    public static double? SecondsToZero(IEnumerable<SeriesPoint> lag, double lastFaultEnd)
    {
        ArgumentNullException.ThrowIfNull(lag);
        double? settled = null;
        foreach (var point in lag.Where(p => p.Seconds >= lastFaultEnd).OrderBy(p => p.Seconds))
        {
            if (point.Value > 0)
            {
                settled = null;
            }
            else
            {
                settled ??= point.Seconds;
            }
        }

        return settled - lastFaultEnd;
    }

    /// <summary>The name of the pipeline plugin's lag series for <paramref name="consumer"/>.</summary>
    public static string SeriesName(string consumer) => $"consumer lag {consumer}";
}
