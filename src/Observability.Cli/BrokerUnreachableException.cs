namespace Observability.Cli;

/// <summary>The NATS server did not answer the connection attempt: exit code 3.</summary>
public sealed class BrokerUnreachableException(string url, Exception inner) : Exception($"cannot reach NATS at {url}: {inner.Message}", inner)
{
    public string Url { get; } = url;
}
