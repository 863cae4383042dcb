using Observability.BrokerExporter.Monitoring;
using Prometheus;

namespace Observability.BrokerExporter;

/// <summary>
/// The broker figures on <c>/metrics</c>, refreshed from the monitoring endpoints at each scrape. Server series carry
/// <c>server</c> (the configured monitoring host:port); stream series carry <c>stream</c> only, merged over the cluster.
/// Names and labels are listed in docs/metrics.md.
/// </summary>
internal sealed class BrokerMetrics
{
    private static readonly string[] Server = ["server"];
    private static readonly string[] Stream = ["stream"];

    private readonly MonitoringClient _client;
    private readonly Dictionary<Collector, HashSet<string[]>> _seen = [];

    private readonly Gauge _up;
    private readonly Gauge _info;
    private readonly Gauge _connections;
    private readonly Gauge _clientConnections;
    private readonly Gauge _routes;
    private readonly Counter _receivedMessages;
    private readonly Counter _sentMessages;
    private readonly Counter _receivedBytes;
    private readonly Counter _sentBytes;
    private readonly Counter _slowConsumers;
    private readonly Gauge _memory;
    private readonly Gauge _jsMemoryUsed;
    private readonly Gauge _jsStorageUsed;
    private readonly Gauge _jsMemoryLimit;
    private readonly Gauge _jsStorageLimit;
    private readonly Gauge _streamMessages;
    private readonly Gauge _streamBytes;
    private readonly Gauge _streamConsumers;
    private readonly Gauge _streamReplicas;
    private readonly Gauge _streamReplicasCurrent;
    private readonly Gauge _streamReplicasLagging;
    private readonly Gauge _streamHasLeader;
    private readonly Gauge _streamLeader;

    public BrokerMetrics(MonitoringClient client, CollectorRegistry registry)
    {
        _client = client;
        var f = Metrics.WithCustomRegistry(registry);
        _up = f.CreateGauge("nats_server_up", "1 when the server's monitoring endpoint answered this scrape, else 0.", Server);
        _info = f.CreateGauge("nats_server_info", "Always 1: the server's name, version and cluster as labels.", ["server", "server_name", "version", "cluster"]);
        _connections = f.CreateGauge("nats_server_connections", "Client connections open now.", Server);
        _clientConnections = f.CreateGauge("nats_server_client_connections", "Client connections open now, by the connection name the client gave.", ["server", "client"]);
        _routes = f.CreateGauge("nats_server_routes", "Routes to other cluster nodes open now.", Server);
        _receivedMessages = f.CreateCounter("nats_server_received_messages_total", "Messages received from clients and routes.", Server);
        _sentMessages = f.CreateCounter("nats_server_sent_messages_total", "Messages sent to clients and routes.", Server);
        _receivedBytes = f.CreateCounter("nats_server_received_bytes_total", "Payload bytes received.", Server);
        _sentBytes = f.CreateCounter("nats_server_sent_bytes_total", "Payload bytes sent.", Server);
        _slowConsumers = f.CreateCounter("nats_server_slow_consumers_total", "Times a client could not keep up and was cut off as a slow consumer.", Server);
        _memory = f.CreateGauge("nats_server_memory_bytes", "Resident memory of the nats-server process.", Server);
        _jsMemoryUsed = f.CreateGauge("nats_jetstream_memory_used_bytes", "Memory used by JetStream memory-storage streams on this server.", Server);
        _jsStorageUsed = f.CreateGauge("nats_jetstream_storage_used_bytes", "Disk used by JetStream file-storage streams on this server.", Server);
        _jsMemoryLimit = f.CreateGauge("nats_jetstream_memory_limit_bytes", "JetStream's memory limit on this server.", Server);
        _jsStorageLimit = f.CreateGauge("nats_jetstream_storage_limit_bytes", "JetStream's storage limit on this server.", Server);
        _streamMessages = f.CreateGauge("nats_stream_messages", "Messages stored in the stream (its leader's count).", Stream);
        _streamBytes = f.CreateGauge("nats_stream_bytes", "Bytes stored in the stream (its leader's count).", Stream);
        _streamConsumers = f.CreateGauge("nats_stream_consumers", "Consumers defined on the stream.", Stream);
        _streamReplicas = f.CreateGauge("nats_stream_replicas", "Replicas the stream is configured with (1 on a single server).", Stream);
        _streamReplicasCurrent = f.CreateGauge("nats_stream_replicas_current", "Replicas up to date with the leader, the leader included (0 without a leader).", Stream);
        _streamReplicasLagging = f.CreateGauge("nats_stream_replicas_lagging", "Configured replicas that are not current: behind, offline or unreachable.", Stream);
        _streamHasLeader = f.CreateGauge("nats_stream_has_leader", "1 when a server leads the stream, 0 when none does.", Stream);
        _streamLeader = f.CreateGauge("nats_stream_leader", "Always 1: the server that leads the stream, as the label leader.", ["stream", "leader"]);
    }

    /// <summary>Reads every server and replaces the series; a stream or server that is gone loses its series.</summary>
    public async Task RefreshAsync(CancellationToken cancellationToken)
    {
        var reports = await _client.ReadAllAsync(cancellationToken);
        var seen = new Dictionary<Collector, HashSet<string[]>>();

        foreach (var report in reports)
        {
            string[] server = [report.Address];
            Set(seen, _up, server, report.Up ? 1 : 0);
            if (!report.Up)
            {
                continue;
            }

            var varz = report.Varz!;
            Set(seen, _info, [report.Address, varz.ServerName, varz.Version, varz.Cluster?.Name ?? ""], 1);
            Set(seen, _connections, server, varz.Connections);
            Set(seen, _routes, server, varz.Routes);
            Set(seen, _memory, server, varz.Mem);
            Total(seen, _receivedMessages, server, varz.InMsgs);
            Total(seen, _sentMessages, server, varz.OutMsgs);
            Total(seen, _receivedBytes, server, varz.InBytes);
            Total(seen, _sentBytes, server, varz.OutBytes);
            Total(seen, _slowConsumers, server, varz.SlowConsumers);

            var jsz = report.Jsz!;
            Set(seen, _jsMemoryUsed, server, jsz.Memory);
            Set(seen, _jsStorageUsed, server, jsz.Storage);
            Set(seen, _jsMemoryLimit, server, jsz.Config?.MaxMemory ?? 0);
            Set(seen, _jsStorageLimit, server, jsz.Config?.MaxStorage ?? 0);

            foreach (var client in (report.Connz?.Connections ?? []).GroupBy(c => string.IsNullOrEmpty(c.Name) ? "unnamed" : c.Name, StringComparer.Ordinal))
            {
                Set(seen, _clientConnections, [report.Address, client.Key], client.Count());
            }
        }

        foreach (var stream in StreamView.Merge(reports))
        {
            string[] labels = [stream.Stream];
            Set(seen, _streamMessages, labels, stream.Messages);
            Set(seen, _streamBytes, labels, stream.Bytes);
            Set(seen, _streamConsumers, labels, stream.Consumers);
            Set(seen, _streamReplicas, labels, stream.Replicas);
            Set(seen, _streamReplicasCurrent, labels, stream.ReplicasCurrent);
            Set(seen, _streamReplicasLagging, labels, stream.ReplicasLagging);
            Set(seen, _streamHasLeader, labels, stream.Leader is null ? 0 : 1);
            if (stream.Leader is not null)
            {
                Set(seen, _streamLeader, [stream.Stream, stream.Leader], 1);
            }
        }

        RemoveUnseen(seen);
    }

    private static void Set(Dictionary<Collector, HashSet<string[]>> seen, Gauge gauge, string[] labels, double value)
    {
        gauge.WithLabels(labels).Set(value);
        Remember(seen, gauge, labels);
    }

    private static void Total(Dictionary<Collector, HashSet<string[]>> seen, Counter counter, string[] labels, double value)
    {
        // The server's figure is cumulative since its start; after a restart it begins again, and so does the series.
        var child = counter.WithLabels(labels);
        if (value < child.Value)
        {
            child.Remove();
            child = counter.WithLabels(labels);
        }

        child.IncTo(value);
        Remember(seen, counter, labels);
    }

    private static void Remember(Dictionary<Collector, HashSet<string[]>> seen, Collector collector, string[] labels)
    {
        if (!seen.TryGetValue(collector, out var set))
        {
            seen[collector] = set = new HashSet<string[]>(LabelsComparer.Instance);
        }

        set.Add(labels);
    }

    private void RemoveUnseen(Dictionary<Collector, HashSet<string[]>> seen)
    {
        foreach (var (collector, previous) in _seen)
        {
            var now = seen.GetValueOrDefault(collector);
            foreach (var labels in previous.Where(l => now is null || !now.Contains(l)))
            {
                switch (collector)
                {
                    case Gauge gauge:
                        gauge.RemoveLabelled(labels);
                        break;
                    case Counter counter:
                        counter.RemoveLabelled(labels);
                        break;
                }
            }
        }

        _seen.Clear();
        foreach (var (collector, labels) in seen)
        {
            _seen[collector] = labels;
        }
    }

    private sealed class LabelsComparer : IEqualityComparer<string[]>
    {
        public static readonly LabelsComparer Instance = new();

        public bool Equals(string[]? x, string[]? y) => x is not null && y is not null && x.AsSpan().SequenceEqual(y);

        public int GetHashCode(string[] obj) => obj.Aggregate(17, (h, s) => HashCode.Combine(h, s));
    }
}
