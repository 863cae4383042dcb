using System.Globalization;

namespace Observability.Stack.Tests.Support;

/// <summary>
/// Three real nats-server processes with JetStream, routed into one cluster (<c>kit</c>, nodes n1..n3) on free ports
/// and temporary stores; a node can be killed (kill -9) to see the broker metrics and alerts react.
/// </summary>
internal sealed class NatsCluster : IAsyncDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("kit-nats-cluster-").FullName;
    private readonly ExternalProcess?[] _nodes = new ExternalProcess?[3];

    private NatsCluster()
    {
        for (var i = 0; i < 3; i++)
        {
            ClientPorts[i] = NatsServer.FreePort();
            MonitorPorts[i] = NatsServer.FreePort();
            RoutePorts[i] = NatsServer.FreePort();
        }
    }

    public int[] ClientPorts { get; } = new int[3];
    public int[] MonitorPorts { get; } = new int[3];
    public int[] RoutePorts { get; } = new int[3];

    public string ClientUrls => string.Join(',', ClientPorts.Select(p => $"nats://127.0.0.1:{p}"));
    public string MonitorUrls => string.Join(',', MonitorPorts.Select(p => $"http://127.0.0.1:{p}"));

    public static string NodeName(int index) => $"n{index + 1}";

    public string MonitorAddress(int index) => $"127.0.0.1:{MonitorPorts[index]}";

    public static async Task<NatsCluster> StartAsync(CancellationToken cancellationToken)
    {
        var cluster = new NatsCluster();
        var binary = NatsServer.FindBinary();
        var routes = string.Join(',', cluster.RoutePorts.Select(p => $"nats://127.0.0.1:{p}"));
        for (var i = 0; i < 3; i++)
        {
            cluster._nodes[i] = ExternalProcess.Start(binary,
            [
                "-a", "127.0.0.1", "-p", Text(cluster.ClientPorts[i]), "-m", Text(cluster.MonitorPorts[i]), "-js",
                "-sd", Path.Combine(cluster._root, NodeName(i)), "--name", NodeName(i), "--cluster_name", "kit",
                "--cluster", $"nats://127.0.0.1:{cluster.RoutePorts[i]}", "--routes", routes,
            ]);
        }

        // Ready when every node answers healthz with JetStream on (the meta group has a leader).
        for (var i = 0; i < 3; i++)
        {
            await cluster._nodes[i]!.WaitHealthyAsync($"http://127.0.0.1:{cluster.MonitorPorts[i]}/healthz", TimeSpan.FromSeconds(30), cancellationToken);
        }

        return cluster;
    }

    public async Task KillAsync(int index)
    {
        await _nodes[index]!.KillAbruptlyAsync();
        await _nodes[index]!.DisposeAsync();
        _nodes[index] = null;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var node in _nodes.Where(n => n is not null))
        {
            await node!.DisposeAsync();
        }

        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private static string Text(int port) => port.ToString(CultureInfo.InvariantCulture);
}
