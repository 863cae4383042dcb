using YamlDotNet.Core;
using YamlDotNet.Serialization;

namespace Observability.Stack.Tests.Support;

/// <summary>Loads YAML into plain maps, lists and strings (merge keys resolved) and walks it by path.</summary>
internal static class Yaml
{
    private static readonly IDeserializer Deserializer = new DeserializerBuilder().Build();

    public static object Load(string repositoryRelativePath)
    {
        var path = RepositoryRoot.Combine(repositoryRelativePath);
        Assert.True(File.Exists(path), $"{repositoryRelativePath} does not exist");
        using var reader = new StreamReader(path);
        try
        {
            return Deserializer.Deserialize<object>(new MergingParser(new Parser(reader)))
                   ?? throw new InvalidDataException($"{repositoryRelativePath} is empty");
        }
        catch (YamlException e)
        {
            Assert.Fail($"{repositoryRelativePath} is not valid YAML: {e.Message}");
            throw;
        }
    }

    /// <summary>The node at a path of map keys, or null when any step is missing.</summary>
    public static object? At(object? node, params string[] path)
    {
        foreach (var key in path)
        {
            if (node is not Dictionary<object, object> map || !map.TryGetValue(key, out node))
            {
                return null;
            }
        }

        return node;
    }

    public static Dictionary<object, object> Map(object? node, string what) =>
        node as Dictionary<object, object> ?? throw new InvalidDataException($"{what} is not a map");

    public static IReadOnlyDictionary<string, object> MapOrEmpty(object? node) =>
        node is Dictionary<object, object> map
            ? map.ToDictionary(kv => (string)kv.Key, kv => kv.Value)
            : new Dictionary<string, object>();

    public static IReadOnlyList<object> ListOrEmpty(object? node) => node as List<object> ?? [];

    public static IReadOnlyList<string> Strings(object? node) => ListOrEmpty(node).Select(o => o?.ToString() ?? string.Empty).ToList();

    public static string? String(object? node, params string[] path) => At(node, path)?.ToString();
}
