using System.Text.RegularExpressions;

namespace Observability.Stack.Tests.Dashboards;

/// <summary>Turns a Grafana Prometheus variable query into the PromQL it runs, so its metrics can be checked.</summary>
internal static partial class GrafanaVariableQuery
{
    public static string ToPromQl(string query)
    {
        var labelValues = LabelValues().Match(query);
        if (labelValues.Success)
        {
            return labelValues.Groups["selector"].Value;
        }

        var queryResult = QueryResult().Match(query);
        if (queryResult.Success)
        {
            return queryResult.Groups["expr"].Value;
        }

        Assert.Fail($"Unsupported Grafana variable query '{query}': use label_values(<selector>, <label>) or query_result(<expr>).");
        return string.Empty;
    }

    [GeneratedRegex(@"^\s*label_values\(\s*(?<selector>.+)\s*,\s*[a-zA-Z_][a-zA-Z0-9_]*\s*\)\s*$", RegexOptions.Singleline)]
    private static partial Regex LabelValues();

    [GeneratedRegex(@"^\s*query_result\((?<expr>.+)\)\s*$", RegexOptions.Singleline)]
    private static partial Regex QueryResult();
}
