using System.Globalization;

namespace Observability.Cli.Output;

/// <summary>Durations as people write them: <c>500ms</c>, <c>30s</c>, <c>5m</c>, <c>1h30m</c>, or <c>hh:mm:ss</c>.</summary>
public static class Durations
{
    /// <exception cref="UsageException">not a duration.</exception>
    public static TimeSpan Parse(string text, string option)
    {
        if (TryParse(text, out var value))
        {
            return value;
        }

        throw new UsageException($"{option} '{text}' is not a duration (examples: 500ms, 30s, 5m, 1h30m, 00:05:00)");
    }

    public static bool TryParse(string text, out TimeSpan value)
    {
        value = TimeSpan.Zero;
        text = text.Trim();
        if (text.Length == 0)
        {
            return false;
        }

        if (text.Contains(':', StringComparison.Ordinal))
        {
            return TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out value);
        }

        var i = 0;
        while (i < text.Length)
        {
            var start = i;
            while (i < text.Length && (char.IsAsciiDigit(text[i]) || text[i] == '.'))
            {
                i++;
            }

            var unitStart = i;
            while (i < text.Length && char.IsAsciiLetter(text[i]))
            {
                i++;
            }

            if (start == unitStart || !double.TryParse(text[start..unitStart], NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var number))
            {
                return false;
            }

            TimeSpan? part = text[unitStart..i] switch
            {
                "ms" => TimeSpan.FromMilliseconds(number),
                "s" => TimeSpan.FromSeconds(number),
                "m" => TimeSpan.FromMinutes(number),
                "h" => TimeSpan.FromHours(number),
                "d" => TimeSpan.FromDays(number),
                _ => null,
            };
            if (part is null)
            {
                return false;
            }

            value += part.Value;
        }

        return true;
    }

    /// <summary>Short text for a duration: <c>4m 12s</c>, <c>850ms</c>.</summary>
    public static string Format(TimeSpan? span)
    {
        if (span is not { } s)
        {
            return "-";
        }

        if (s < TimeSpan.Zero)
        {
            return "expired";
        }

        return s.TotalSeconds < 1 ? $"{s.TotalMilliseconds:0}ms"
            : s.TotalMinutes < 1 ? $"{s.TotalSeconds:0.#}s"
            : s.TotalHours < 1 ? $"{(int)s.TotalMinutes}m {s.Seconds}s"
            : $"{(int)s.TotalHours}h {s.Minutes}m";
    }
}
