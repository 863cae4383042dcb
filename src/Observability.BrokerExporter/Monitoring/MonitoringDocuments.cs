using System.Text.Json.Serialization;

namespace Observability.BrokerExporter.Monitoring;

// The fields of nats-server's monitoring JSON (2.9+) the exporter reads; everything else is ignored.

/// <summary>/varz: the server's identity and cumulative traffic.</summary>
internal sealed record Varz(
    [property: JsonPropertyName("server_name")] string ServerName,
    [property: JsonPropertyName("version")] string Version,
    [property: JsonPropertyName("connections")] long Connections,
    [property: JsonPropertyName("routes")] long Routes,
    [property: JsonPropertyName("in_msgs")] long InMsgs,
    [property: JsonPropertyName("out_msgs")] long OutMsgs,
    [property: JsonPropertyName("in_bytes")] long InBytes,
    [property: JsonPropertyName("out_bytes")] long OutBytes,
    [property: JsonPropertyName("slow_consumers")] long SlowConsumers,
    [property: JsonPropertyName("mem")] long Mem,
    [property: JsonPropertyName("cluster")] VarzCluster? Cluster);

internal sealed record VarzCluster([property: JsonPropertyName("name")] string? Name);

/// <summary>/jsz?streams=true&amp;config=true: JetStream usage and limits, and each stream as this server sees it.</summary>
internal sealed record Jsz(
    [property: JsonPropertyName("config")] JszConfig? Config,
    [property: JsonPropertyName("memory")] long Memory,
    [property: JsonPropertyName("storage")] long Storage,
    [property: JsonPropertyName("account_details")] IReadOnlyList<JszAccount>? Accounts);

internal sealed record JszConfig(
    [property: JsonPropertyName("max_memory")] long MaxMemory,
    [property: JsonPropertyName("max_storage")] long MaxStorage);

internal sealed record JszAccount(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("stream_detail")] IReadOnlyList<JszStream>? Streams);

internal sealed record JszStream(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("cluster")] JszStreamCluster? Cluster,
    [property: JsonPropertyName("config")] JszStreamConfig? Config,
    [property: JsonPropertyName("state")] JszStreamState State);

/// <summary>Absent or without a name on a server that is not clustered; <c>replicas</c> are the peers other than the reporting server.</summary>
internal sealed record JszStreamCluster(
    [property: JsonPropertyName("name")] string? Name,
    [property: JsonPropertyName("leader")] string? Leader,
    [property: JsonPropertyName("replicas")] IReadOnlyList<JszPeer>? Replicas);

internal sealed record JszPeer(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("current")] bool Current,
    [property: JsonPropertyName("offline")] bool Offline);

internal sealed record JszStreamConfig([property: JsonPropertyName("num_replicas")] int NumReplicas);

internal sealed record JszStreamState(
    [property: JsonPropertyName("messages")] long Messages,
    [property: JsonPropertyName("bytes")] long Bytes,
    [property: JsonPropertyName("consumer_count")] long ConsumerCount);

/// <summary>/connz: open client connections, by the name each client gave.</summary>
internal sealed record Connz([property: JsonPropertyName("connections")] IReadOnlyList<ConnzConnection>? Connections);

internal sealed record ConnzConnection([property: JsonPropertyName("name")] string? Name);
