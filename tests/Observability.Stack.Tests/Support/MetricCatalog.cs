using System.Text.RegularExpressions;

namespace Observability.Stack.Tests.Support;

/// <summary>docs/metrics.md: the metric names (first column of every table) and their types.</summary>
internal sealed partial class MetricCatalog
{
    private static readonly string[] HistogramSeriesSuffixes = ["_bucket", "_sum", "_count"];

    private MetricCatalog(IReadOnlyDictionary<string, string> types) => Types = types;

    public static MetricCatalog Instance { get; } = Load("docs/metrics.md");

    /// <summary>Metric name to its type (counter, gauge, histogram).</summary>
    public IReadOnlyDictionary<string, string> Types { get; }

    public static MetricCatalog Load(string repositoryRelativePath) => Parse(Repo.Read(repositoryRelativePath));

    public static MetricCatalog Parse(string markdown)
    {
        var types = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var line in markdown.Split('\n'))
        {
            var match = TableRow().Match(line);
            if (match.Success)
            {
                types[match.Groups["name"].Value] = match.Groups["type"].Value.Trim();
            }
        }

        return new MetricCatalog(types);
    }

    /// <summary>True for a listed metric, or a histogram's _bucket/_sum/_count series.</summary>
    public bool Covers(string seriesName)
    {
        if (Types.ContainsKey(seriesName))
        {
            return true;
        }

        return HistogramSeriesSuffixes.Any(suffix =>
            seriesName.EndsWith(suffix, StringComparison.Ordinal)
            && Types.TryGetValue(seriesName[..^suffix.Length], out var type)
            && type == "histogram");
    }

    // | `kit_events_published_total` | counter | ...
    [GeneratedRegex(@"^\|\s*`(?<name>[a-zA-Z_:][a-zA-Z0-9_:]*)`\s*\|\s*(?<type>[a-z]+)\s*\|")]
    private static partial Regex TableRow();
}
