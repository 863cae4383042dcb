using System.Globalization;
using Observability.LoadSimulator.Simulations;

namespace Observability.LoadSimulator.Config;

/// <summary>
/// Typed reads of configuration sections with errors that name the JSON path of the bad value
/// (<c>$.scenarios[0].loadSimulations[1].Inject.during</c>), so a bad config says where to look.
/// </summary>
internal static class ConfigSections
{
    /// <summary>The section's place in the JSON, e.g. <c>$.scenarios[0].faults[1]</c>.</summary>
    public static string JsonPath(this IConfigurationSection section) =>
        "$" + string.Concat(section.Path.Split(ConfigurationPath.KeyDelimiter).Select(k => int.TryParse(k, CultureInfo.InvariantCulture, out _) ? $"[{k}]" : "." + k));

    /// <summary>A child given a value or children; null when absent or JSON null.</summary>
    public static IConfigurationSection? Child(this IConfiguration section, string key) =>
        section.GetSection(key) is var child && (!string.IsNullOrEmpty(child.Value) || child.GetChildren().Any()) ? child : null;

    /// <summary>The elements of a JSON array, in order.</summary>
    public static IEnumerable<IConfigurationSection> Elements(this IConfigurationSection section)
    {
        var children = section.GetChildren().ToList();
        return section.Value is not null || !children.TrueForAll(c => int.TryParse(c.Key, CultureInfo.InvariantCulture, out _))
            ? throw new InvalidLoadSimulationException($"{section.JsonPath()} must be a JSON array.")
            : children.OrderBy(c => int.Parse(c.Key, CultureInfo.InvariantCulture));
    }

    public static string? String(this IConfiguration section, string key) => section.Child(key)?.Value;

    public static double? Double(this IConfiguration section, string key) =>
        section.Child(key) is not { } child ? null
        : double.TryParse(child.Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) ? value
        : throw new InvalidLoadSimulationException($"{child.JsonPath()} must be a number, got '{child.Value}'.");

    public static int? Int(this IConfiguration section, string key) => section.Double(key) is { } d ? checked((int)d) : null;

    /// <summary>"500ms", "30s", "2m", "00:00:30" or a number of seconds.</summary>
    public static TimeSpan? Duration(this IConfiguration section, string key) =>
        section.Child(key) is { Value: { } text } ? DurationParser.Parse(text) : null;

}
