using System.Globalization;
using System.Text.RegularExpressions;

namespace Observability.Stack.Tests.Support;

/// <summary>The samples of a Prometheus text exposition, for asserting on one series' value.</summary>
internal sealed partial class Exposition
{
    private readonly List<(string Name, Dictionary<string, string> Labels, double Value)> _samples = [];

    public Exposition(string text)
    {
        foreach (var line in text.Split('\n').Where(l => l.Length > 0 && l[0] != '#'))
        {
            var match = Sample().Match(line);
            if (match.Success)
            {
                var labels = Label().Matches(match.Groups["labels"].Value).ToDictionary(m => m.Groups["k"].Value, m => m.Groups["v"].Value, StringComparer.Ordinal);
                _samples.Add((match.Groups["name"].Value, labels, double.Parse(match.Groups["value"].Value, CultureInfo.InvariantCulture)));
            }
        }
    }

    /// <summary>The series of <paramref name="name"/> whose labels include all of <paramref name="labels"/>.</summary>
    public IReadOnlyList<(Dictionary<string, string> Labels, double Value)> Series(string name, params (string Key, string Value)[] labels) =>
        _samples.Where(s => s.Name == name && labels.All(l => s.Labels.TryGetValue(l.Key, out var v) && v == l.Value))
            .Select(s => (s.Labels, s.Value)).ToList();

    /// <summary>The one matching series' value, or null when there is none.</summary>
    public double? Value(string name, params (string Key, string Value)[] labels) =>
        Series(name, labels) is [var only] ? only.Value : null;

    [GeneratedRegex(@"^(?<name>[a-zA-Z_:][a-zA-Z0-9_:]*)(\{(?<labels>[^}]*)\})?\s+(?<value>\S+)")]
    private static partial Regex Sample();

    [GeneratedRegex(@"(?<k>[a-zA-Z_][a-zA-Z0-9_]*)=""(?<v>[^""]*)""")]
    private static partial Regex Label();
}
