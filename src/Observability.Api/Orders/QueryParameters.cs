using System.Globalization;
using System.Text.RegularExpressions;

namespace Observability.Api.Orders;

/// <summary>Query and header values are parsed here rather than bound, so a bad value is a per-field 400, not a bare binding error.</summary>
internal static partial class QueryParameters
{
    public static ulong? ParseSequence(string? value, string field, ValidationErrors errors)
    {
        if (value is null)
        {
            return null;
        }

        if (ulong.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var sequence))
        {
            return sequence;
        }

        errors.Add(field, $"'{field}' must be a stream sequence (a non-negative integer).");
        return null;
    }

    /// <summary>The wait in milliseconds; absent means the default, above the maximum is capped to it.</summary>
    public static TimeSpan ParseWait(string? value, ReadYourWritesOptions options, ValidationErrors errors)
    {
        if (value is null)
        {
            return Min(options.DefaultWait, options.MaxWait);
        }

        if (!long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var ms))
        {
            errors.Add("wait", "'wait' must be a number of milliseconds, 0 or more.");
            return TimeSpan.Zero;
        }

        return ms >= options.MaxWait.TotalMilliseconds ? options.MaxWait : TimeSpan.FromMilliseconds(ms);
    }

    public static ulong? Max(ulong? a, ulong? b) => a is null ? b : b is null ? a : Math.Max(a.Value, b.Value);

    /// <summary>ISO-8601 date or date-time; a time without an offset is taken as UTC.</summary>
    public static bool TryParseIso(string value, out DateTimeOffset time)
    {
        time = default;
        return IsoDate().IsMatch(value)
            && DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out time);
    }

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d{1,7})?)?(Z|[+-]\d{2}:?\d{2})?)?$", RegexOptions.CultureInvariant)]
    private static partial Regex IsoDate();
}
