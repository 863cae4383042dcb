namespace Observability.Stack.Tests.Support;

/// <summary>docker-compose.yml as plain YAML (anchors and merge keys resolved).</summary>
internal sealed class ComposeFile
{
    public const string Path = "docker-compose.yml";

    private ComposeFile(object root) => Root = root;

    public object Root { get; }

    public IReadOnlyDictionary<string, object> Services => Yaml.MapOrEmpty(Yaml.At(Root, "services"));

    public static ComposeFile Load() => new(Yaml.Load(Path));

    public IReadOnlyList<string> Profiles(string service) => Yaml.Strings(Yaml.At(Services[service], "profiles"));

    public IEnumerable<string> DefaultProfileServices() => Services.Keys.Where(s => Profiles(s).Count == 0);

    public IReadOnlyDictionary<string, string> Environment(string service) =>
        Yaml.MapOrEmpty(Yaml.At(Services[service], "environment")).ToDictionary(kv => kv.Key, kv => kv.Value?.ToString() ?? string.Empty);

    public int Replicas(string service) => int.TryParse(Yaml.String(Services[service], "deploy", "replicas"), out var n) ? n : 1;

    /// <summary>Docker's byte units: 224m, 1g, 512k, plain bytes.</summary>
    public static long ParseBytes(string value)
    {
        var v = value.Trim().ToLowerInvariant().TrimEnd('b');
        var (number, multiplier) = v[^1] switch
        {
            'k' => (v[..^1], 1024L),
            'm' => (v[..^1], 1024L * 1024),
            'g' => (v[..^1], 1024L * 1024 * 1024),
            _ => (v, 1L),
        };
        return (long)(double.Parse(number, System.Globalization.CultureInfo.InvariantCulture) * multiplier);
    }
}
