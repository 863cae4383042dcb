using Observability.LoadSimulator.Plugins;

namespace Observability.LoadSimulator.Faults;

/// <summary>Recovery time: from the last fault's end to the first lag sample of 0 at or after it.</summary>
public static class LagRecovery
{
    /// <summary>Seconds from <paramref name="lastFaultEnd"/> to lag 0, or null when no later sample is 0.</summary>
    public static double? SecondsToZero(IEnumerable<SeriesPoint> lag, double lastFaultEnd)
    {
        ArgumentNullException.ThrowIfNull(lag);
        foreach (var point in lag.OrderBy(p => p.Seconds))
        {
            if (point.Seconds >= lastFaultEnd && point.Value <= 0)
            {
                return point.Seconds - lastFaultEnd;
            }
        }

        return null;
    }

    /// <summary>The name of the pipeline plugin's lag series for <paramref name="consumer"/>.</summary>
    public static string SeriesName(string consumer) => $"consumer lag {consumer}";
}
