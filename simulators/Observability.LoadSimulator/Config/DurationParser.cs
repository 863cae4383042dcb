using System.Globalization;
using Observability.LoadSimulator.Simulations;

namespace Observability.LoadSimulator.Config;

/// <summary>Reads durations as "500ms", "30s", "2m", "1h", "00:00:30" or a bare number of seconds.</summary>
public static class DurationParser
{
    public static TimeSpan Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var value = text.Trim();
        (string Suffix, double Scale)[] units = [("ms", 0.001), ("s", 1), ("m", 60), ("h", 3600)];
        foreach (var (suffix, scale) in units)
        {
            if (value.EndsWith(suffix, StringComparison.OrdinalIgnoreCase)
                && double.TryParse(value[..^suffix.Length], NumberStyles.Float, CultureInfo.InvariantCulture, out var number)
                && number >= 0)
            {
                return TimeSpan.FromSeconds(number * scale);
            }
        }

        if (double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) && seconds >= 0)
        {
            return TimeSpan.FromSeconds(seconds);
        }

        if (TimeSpan.TryParse(value, CultureInfo.InvariantCulture, out var span) && span >= TimeSpan.Zero)
        {
            return span;
        }

        throw new InvalidLoadSimulationException($"'{text}' is not a duration; use e.g. 500ms, 30s, 2m, 1h or 00:00:30.");
    }
}
