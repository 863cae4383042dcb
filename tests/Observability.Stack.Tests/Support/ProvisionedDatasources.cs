namespace Observability.Stack.Tests.Support;

/// <summary>grafana/provisioning/datasources/datasources.yaml, by uid.</summary>
internal static class ProvisionedDatasources
{
    public const string File = "grafana/provisioning/datasources/datasources.yaml";

    public static IReadOnlyDictionary<string, Dictionary<object, object>> ByUid()
    {
        var root = Yaml.Load(File);
        var result = new Dictionary<string, Dictionary<object, object>>(StringComparer.Ordinal);
        foreach (var item in Yaml.ListOrEmpty(Yaml.At(root, "datasources")))
        {
            var datasource = Yaml.Map(item, "a datasource");
            var uid = Yaml.String(datasource, "uid");
            Assert.False(string.IsNullOrEmpty(uid), $"{File}: datasource '{Yaml.String(datasource, "name")}' has no uid");
            Assert.True(result.TryAdd(uid!, datasource), $"{File}: uid '{uid}' is provisioned twice");
        }

        return result;
    }
}
