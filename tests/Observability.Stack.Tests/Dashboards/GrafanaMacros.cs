using System.Text.RegularExpressions;

namespace Observability.Stack.Tests.Dashboards;

/// <summary>Replaces Grafana macros and template variables with plain values so promtool can parse a panel's PromQL.</summary>
internal static partial class GrafanaMacros
{
    public static readonly IReadOnlySet<string> BuiltIns = new HashSet<string>(StringComparer.Ordinal)
    {
        "__rate_interval", "__interval", "__range", "__interval_ms", "__range_s", "__range_ms",
    };

    public static string Substitute(string expr) =>
        Variable().Replace(expr, m => m.Groups["name"].Value switch
        {
            "__rate_interval" or "__interval" => "1m",
            "__range" => "1h",
            "__interval_ms" or "__range_ms" => "60000",
            "__range_s" => "3600",
            _ => "value",
        });

    /// <summary>Names of the variables an expression uses ($x, ${x}, ${x:format}).</summary>
    public static IEnumerable<string> VariablesIn(string expr) =>
        Variable().Matches(expr).Select(m => m.Groups["name"].Value);

    [GeneratedRegex(@"\$(?:\{(?<name>[a-zA-Z_][a-zA-Z0-9_]*)(?::[^}]*)?\}|(?<name>[a-zA-Z_][a-zA-Z0-9_]*))")]
    private static partial Regex Variable();
}
