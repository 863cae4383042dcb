using System.Diagnostics;
using NATS.Client.Core;
using NATS.Net;

namespace Observability.Testing;

/// <summary>
/// A real three-node JetStream cluster: three nats-server processes with full-mesh routes, free loopback ports, one
/// temporary store each and one cluster name, with authorisation on (nats/auth.conf, the users of <see cref="NatsUsers"/>). Started once the meta leader is elected on every node; nodes can be
/// killed with kill -9, stopped gracefully and restarted on their ports and stores.
/// </summary>
public sealed class NatsCluster : IAsyncDisposable
{
    private readonly string _root;

    private NatsCluster(string root, IReadOnlyList<NatsClusterNode> nodes)
    {
        _root = root;
        Nodes = nodes;
    }

    public const string Name = "kit";

    public IReadOnlyList<NatsClusterNode> Nodes { get; }

    /// <summary>Every node's client URL, comma-separated, with the operator's credentials (what the tests' own clients use).</summary>
    public string Url => NatsUsers.WithCredential(PlainUrl, NatsUsers.Kit);

    /// <summary>Every node's client URL without credentials: what a service's <c>Nats__Url</c> takes beside its own user.</summary>
    public string PlainUrl => string.Join(',', Nodes.Select(n => n.Url));

    public NatsClusterNode Node(string serverName) =>
        Nodes.SingleOrDefault(n => n.ServerName == serverName) ?? throw new ArgumentException($"no node named {serverName}", nameof(serverName));

    public static async Task<NatsCluster> StartAsync(CancellationToken cancellationToken = default)
    {
        var root = Path.Combine(Path.GetTempPath(), "kit-nats-cluster-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(root);
        var binary = NatsServer.FindBinary();
        var ports = Enumerable.Range(1, 3).Select(_ => (Client: NatsServer.FreePort(), Monitor: NatsServer.FreePort(), Cluster: NatsServer.FreePort())).ToArray();
        var routes = ports.Select(p => $"nats-route://127.0.0.1:{p.Cluster}").ToArray();
        var nodes = ports.Select((p, i) => new NatsClusterNode(binary, $"n{i + 1}", p.Client, p.Monitor, p.Cluster, routes, Path.Combine(root, $"n{i + 1}"))).ToArray();
        var cluster = new NatsCluster(root, nodes);
        try
        {
            foreach (var node in nodes)
            {
                node.Start();
            }

            await cluster.WaitMetaLeaderAsync(TimeSpan.FromSeconds(30), cancellationToken);
            return cluster;
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }
    }

    /// <summary>A client connected to every node, so it fails over as services do.</summary>
    public NatsClient CreateClient(string name = "test") => new(new NatsOpts { Url = Url, Name = name });

    /// <summary>Waits until every running node knows the same meta leader (the JetStream API answers only then).</summary>
    public async Task<string> WaitMetaLeaderAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            var leaders = new List<string?>();
            foreach (var node in Nodes.Where(n => n.IsRunning))
            {
                leaders.Add(await node.MetaLeaderAsync(cancellationToken));
            }

            if (leaders.Count > 0 && leaders.All(l => !string.IsNullOrEmpty(l)) && leaders.Distinct().Count() == 1)
            {
                return leaders[0]!;
            }

            if (deadline.Elapsed > timeout)
            {
                throw new TimeoutException($"no meta leader agreed by the running nodes within {timeout}: [{string.Join(", ", leaders)}]\n"
                    + string.Join('\n', Nodes.Select(n => $"{n.ServerName}: {n.Tail}")));
            }

            await Task.Delay(100, cancellationToken);
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var node in Nodes)
        {
            await node.DisposeAsync();
        }

        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
