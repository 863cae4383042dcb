using Observability.Stack.Tests.Support;

namespace Observability.Stack.Tests.Compose;

/// <summary>
/// docker-compose.cluster.yml over docker-compose.yml, as docker-compose v1 merges them: a self-contained three-node
/// cluster in which no single node starts and every client is given all three nodes and an R3 topology.
/// </summary>
public sealed class ClusterProfileTests
{
    private const string ClusterFile = "docker-compose.cluster.yml";
    private const string ClusterUrls = "nats://nats:4222,nats://nats-2:4222,nats://nats-3:4222";
    private static readonly string[] Nodes = ["nats", "nats-2", "nats-3"];

    private static readonly Dictionary<string, string?> WithPassword = new() { ["GRAFANA_ADMIN_PASSWORD"] = "test-only-password" };

    /// <summary>The merged configuration with every profile on, as <c>docker-compose config</c> renders it.</summary>
    private static async Task<IReadOnlyDictionary<string, object>> MergedServicesAsync()
    {
        var result = await ExternalTool.RunAsync(
            "docker-compose", ["-f", ComposeFile.Path, "-f", ClusterFile, "--profile", "load", "--profile", "tools", "config"], environment: WithPassword);
        Assert.True(result.ExitCode == 0, $"docker-compose config rejected {ComposeFile.Path} + {ClusterFile}: {result.Describe()}");
        Assert.DoesNotContain("WARNING", result.StandardError, StringComparison.Ordinal);
        var merged = Path.Combine(Path.GetTempPath(), $"kit-compose-cluster-{Guid.NewGuid():N}.yml");
        await File.WriteAllTextAsync(merged, result.StandardOutput);
        try
        {
            return Yaml.MapOrEmpty(Yaml.At(Yaml.Load(merged), "services"));
        }
        finally
        {
            File.Delete(merged);
        }
    }

    /// <summary>The node's nats-server arguments; the command runs them through a shell that first reads the generated passwords.</summary>
    private static IReadOnlyList<string> Command(object service)
    {
        var command = Yaml.Strings(Yaml.At(service, "command"));
        return command is ["/bin/sh", "-c", var script] ? script[script.IndexOf("nats-server", StringComparison.Ordinal)..].Split(' ', StringSplitOptions.RemoveEmptyEntries) : command;
    }

    private static string? Flag(IReadOnlyList<string> command, string flag) =>
        command.Select((a, i) => (a, i)).Where(x => x.a == flag && x.i + 1 < command.Count).Select(x => command[x.i + 1]).FirstOrDefault();

    private static string? Env(object service, string name) => Yaml.String(service, "environment", name);

    [Fact]
    public async Task Every_NATS_service_is_a_node_of_one_three_node_cluster_and_no_single_node_starts()
    {
        var services = await MergedServicesAsync();
        // Every NATS service but the one-shot password generator.
        var natsServices = services.Where(s => Yaml.String(s.Value, "image")?.StartsWith("nats:", StringComparison.Ordinal) == true && s.Key != "nats-credentials")
            .Select(s => s.Key).Order().ToArray();
        Assert.Equal(Nodes.Order(), natsServices);

        var names = new List<string?>();
        foreach (var node in Nodes)
        {
            var command = Command(services[node]);
            Assert.Contains("-js", command);
            Assert.Equal("/etc/nats/auth.conf", Flag(command, "-c"));
            Assert.Equal("kit", Flag(command, "--cluster_name"));
            Assert.Equal("nats://0.0.0.0:6222", Flag(command, "--cluster"));
            Assert.Equal(Nodes.Select(n => $"nats://{n}:6222"), Flag(command, "--routes")?.Split(','));
            names.Add(Flag(command, "--name"));
            Assert.Empty(Yaml.At(services[node], "profiles") is null ? [] : Yaml.Strings(Yaml.At(services[node], "profiles")));
            Assert.Contains("healthz", string.Join(' ', Yaml.Strings(Yaml.At(services[node], "healthcheck", "test"))), StringComparison.Ordinal);
        }

        Assert.Equal(["nats-1", "nats-2", "nats-3"], names);
        // One store per node: no node reuses the single node's volume or another node's.
        var stores = Nodes.Select(n => Yaml.Strings(Yaml.At(services[n], "volumes")).Single(v => v.Contains(":/data", StringComparison.Ordinal)).Split(':')[0]).ToArray();
        Assert.Equal(3, stores.Distinct().Count());
        Assert.DoesNotContain("nats-data", stores);
    }

    [Theory]
    [InlineData("api")]
    [InlineData("processors")]
    [InlineData("producer")]
    public async Task Services_are_given_every_node_an_R3_topology_and_wait_for_a_healthy_node(string name)
    {
        var services = await MergedServicesAsync();
        Assert.Equal(ClusterUrls, Env(services[name], "Nats__Url"));
        Assert.Equal("3", Env(services[name], "Topology__Replicas"));
        Assert.Equal("service_healthy", Yaml.String(services[name], "depends_on", "nats", "condition"));
    }

    [Fact]
    public async Task The_load_simulator_and_the_kit_tool_are_given_every_node_too()
    {
        var services = await MergedServicesAsync();
        Assert.Equal(ClusterUrls, Env(services["loadsim"], "LoadSim__NatsUrl"));
        Assert.Equal(ClusterUrls, Env(services["loadsim"], "Nats__Url"));
        Assert.Equal(ClusterUrls, Env(services["kit"], "NATS_URL"));

        // No client is left on a single-node URL.
        foreach (var (service, definition) in services)
        {
            foreach (var (key, value) in Yaml.MapOrEmpty(Yaml.At(definition, "environment")))
            {
                if (value?.ToString() is { } url && url.Contains("nats://", StringComparison.Ordinal))
                {
                    Assert.True(url == ClusterUrls, $"{service} {key}={url} does not list every node");
                }
            }
        }
    }
}
