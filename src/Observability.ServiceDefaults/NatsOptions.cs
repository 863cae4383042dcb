namespace Observability.ServiceDefaults;

/// <summary>Connection settings, bound from the <c>Nats</c> configuration section (env: <c>Nats__Url</c>).</summary>
public sealed record NatsOptions
{
    public const string Section = "Nats";

    /// <summary>One URL or a comma-separated list (a cluster). Default <c>nats://127.0.0.1:4222</c>.</summary>
    public string Url { get; init; } = "nats://127.0.0.1:4222";

    /// <summary>How long a JetStream API request or publish waits for its answer. Default 5 s.</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(5);
}
