using System.Text.Json;

namespace Observability.Testing;

/// <summary>One nats-server of a <see cref="NatsCluster"/>, with its config file and store in the cluster's temp folder.</summary>
public sealed class NatsClusterNode : IAsyncDisposable
{
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(2) };
    private readonly string _binary;
    private readonly string _dir;
    private readonly string _config;
    private ExternalProcess? _process;

    internal NatsClusterNode(string binary, string serverName, int port, int monitorPort, int clusterPort, IReadOnlyList<string> routes, string dir)
    {
        _binary = binary;
        _dir = dir;
        ServerName = serverName;
        Port = port;
        MonitorPort = monitorPort;
        Directory.CreateDirectory(dir);
        _config = Path.Combine(dir, "node.conf");
        // A config's include is relative to the including file: the permissions go beside it.
        File.Copy(NatsUsers.ConfigPath, Path.Combine(dir, "auth.conf"), overwrite: true);
        File.WriteAllText(_config, $$"""
            include "auth.conf"
            server_name: {{serverName}}
            listen: 127.0.0.1:{{port}}
            http: 127.0.0.1:{{monitorPort}}
            jetstream {
              store_dir: "{{Path.Combine(dir, "store")}}"
            }
            cluster {
              name: {{NatsCluster.Name}}
              listen: 127.0.0.1:{{clusterPort}}
              routes: [{{string.Join(", ", routes)}}]
            }
            """);
    }

    /// <summary>The JetStream server name, as stream and consumer info report leaders.</summary>
    public string ServerName { get; }

    public int Port { get; }

    public int MonitorPort { get; }

    public string Url => $"nats://127.0.0.1:{Port}";

    public bool IsRunning => _process is { HasExited: false };

    /// <summary>The node's last log lines, for failure messages.</summary>
    public string Tail => _process?.Tail ?? "(not running)";

    internal void Start() => _process = ExternalProcess.Start(_binary, ["-c", _config], NatsUsers.ServerEnvironment, _dir);

    /// <summary>kill -9: no lame duck, no leadership hand-off, as a crashed host looks to its peers.</summary>
    public async Task KillAsync()
    {
        if (_process is not null)
        {
            await _process.KillAbruptlyAsync();
            await _process.DisposeAsync();
            _process = null;
        }
    }

    /// <summary>SIGTERM: the server shuts down cleanly (a planned restart), then its process is gone.</summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_process is not null)
        {
            await _process.TerminateAsync(TimeSpan.FromSeconds(20), cancellationToken);
            await _process.DisposeAsync();
            _process = null;
        }
    }

    /// <summary>Starts the node again on its ports and store and waits until it answers its health check.</summary>
    public async Task RestartAsync(CancellationToken cancellationToken)
    {
        Start();
        await _process!.WaitHealthyAsync($"http://127.0.0.1:{MonitorPort}/healthz", TimeSpan.FromSeconds(30), cancellationToken);
    }

    /// <summary>The meta leader this node knows, from its <c>/jsz</c> monitoring endpoint; null while there is none.</summary>
    public async Task<string?> MetaLeaderAsync(CancellationToken cancellationToken)
    {
        try
        {
            using var jsz = JsonDocument.Parse(await Http.GetStringAsync($"http://127.0.0.1:{MonitorPort}/jsz", cancellationToken));
            return jsz.RootElement.TryGetProperty("meta_cluster", out var meta) && meta.TryGetProperty("leader", out var leader) ? leader.GetString() : null;
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return null;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_process is not null)
        {
            await _process.DisposeAsync();
            _process = null;
        }
    }
}
