using System.Text.Json;
using System.Text.Json.Nodes;

namespace Observability.Stack.Tests.Dashboards;

/// <summary>One Grafana dashboard JSON from grafana/dashboards, with its panels (rows flattened) and queries.</summary>
internal sealed class DashboardFile
{
    public const string Folder = "grafana/dashboards";

    private DashboardFile(string name, JsonObject root)
    {
        Name = name;
        Root = root;
    }

    public string Name { get; }

    public JsonObject Root { get; }

    public static IReadOnlyList<string> Names() =>
        Directory.GetFiles(RepositoryRoot.Combine(Folder), "*.json").Select(Path.GetFileName).Order(StringComparer.Ordinal).ToList()!;

    public static DashboardFile Load(string name)
    {
        var text = File.ReadAllText(RepositoryRoot.Combine(Folder, name));
        try
        {
            var root = JsonNode.Parse(text) as JsonObject ?? throw new InvalidDataException("the top level is not an object");
            return new DashboardFile(name, root);
        }
        catch (JsonException e)
        {
            Assert.Fail($"{Folder}/{name} is not valid JSON: {e.Message}");
            throw;
        }
    }

    /// <summary>Every panel, including the panels nested in collapsed rows. Row headers are included.</summary>
    public IEnumerable<JsonObject> Panels()
    {
        foreach (var panel in (Root["panels"] as JsonArray ?? []).OfType<JsonObject>())
        {
            yield return panel;
            foreach (var nested in (panel["panels"] as JsonArray ?? []).OfType<JsonObject>())
            {
                yield return nested;
            }
        }
    }

    public IEnumerable<JsonObject> Annotations() => (Root["annotations"]?["list"] as JsonArray ?? []).OfType<JsonObject>();

    public IEnumerable<JsonObject> Variables() => (Root["templating"]?["list"] as JsonArray ?? []).OfType<JsonObject>();

    /// <summary>(where, datasource uid, PromQL) for every Prometheus query: panel targets, annotations and variable queries.</summary>
    public IEnumerable<(string Where, string? DatasourceUid, string Expr)> PromQlQueries()
    {
        foreach (var panel in Panels())
        {
            foreach (var target in (panel["targets"] as JsonArray ?? []).OfType<JsonObject>())
            {
                var expr = target["expr"]?.GetValue<string>();
                if (!string.IsNullOrWhiteSpace(expr))
                {
                    var uid = target["datasource"]?["uid"]?.GetValue<string>() ?? panel["datasource"]?["uid"]?.GetValue<string>();
                    yield return ($"{Name} / panel '{panel["title"]}'", uid, expr);
                }
            }
        }

        foreach (var annotation in Annotations())
        {
            var expr = annotation["expr"]?.GetValue<string>();
            if (!string.IsNullOrWhiteSpace(expr))
            {
                yield return ($"{Name} / annotation '{annotation["name"]}'", annotation["datasource"]?["uid"]?.GetValue<string>(), expr);
            }
        }

        foreach (var variable in Variables().Where(v => v["type"]?.GetValue<string>() == "query"))
        {
            var query = variable["query"] is JsonObject q ? q["query"]?.GetValue<string>() : variable["query"]?.GetValue<string>();
            var uid = variable["datasource"]?["uid"]?.GetValue<string>();
            if (!string.IsNullOrWhiteSpace(query) && uid == "prometheus")
            {
                yield return ($"{Name} / variable '{variable["name"]}'", uid, GrafanaVariableQuery.ToPromQl(query));
            }
        }
    }

    /// <summary>An annotation query over Grafana's own annotations by tag, e.g. loadsim's fault regions.</summary>
    public static bool IsGrafanaTagQuery(JsonObject annotation) =>
        annotation["datasource"]?["uid"]?.GetValue<string>() == "-- Grafana --" && annotation["target"]?["type"]?.GetValue<string>() == "tags";

    /// <summary>Every datasource the dashboard names: panels, targets, variables, annotations.</summary>
    public IEnumerable<(string Where, JsonNode? Datasource)> DatasourceReferences()
    {
        foreach (var panel in Panels().Where(p => p["type"]?.GetValue<string>() != "row"))
        {
            yield return ($"panel '{panel["title"]}'", panel["datasource"]);
            foreach (var target in (panel["targets"] as JsonArray ?? []).OfType<JsonObject>())
            {
                yield return ($"panel '{panel["title"]}' target {target["refId"]}", target["datasource"]);
            }
        }

        foreach (var variable in Variables().Where(v => v["datasource"] is not null))
        {
            yield return ($"variable '{variable["name"]}'", variable["datasource"]);
        }

        // Grafana's built-in "Annotations & Alerts" query, and queries by tag (loadsim's fault windows), use the internal
        // -- Grafana -- source, not a provisioned one.
        foreach (var annotation in Annotations().Where(a => a["builtIn"]?.GetValue<int>() != 1 && !IsGrafanaTagQuery(a)))
        {
            yield return ($"annotation '{annotation["name"]}'", annotation["datasource"]);
        }
    }
}
