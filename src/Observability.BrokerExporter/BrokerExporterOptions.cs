namespace Observability.BrokerExporter;

/// <summary>Which nats-server monitoring endpoints to read, bound from <c>BrokerExporter</c> (env <c>BrokerExporter__Servers</c>).</summary>
public sealed record BrokerExporterOptions
{
    public const string Section = "BrokerExporter";

    /// <summary>
    /// Monitoring base URLs (<c>-m</c> port), comma-separated: one node, or every node of a cluster so that a node that
    /// stops answering shows as down. Default <c>http://127.0.0.1:8222</c>.
    /// </summary>
    public string Servers { get; init; } = "http://127.0.0.1:8222";

    /// <summary>How long one monitoring request may take before its server counts as down for this scrape. Default 3 s.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(3);

    public IReadOnlyList<Uri> ServerUris() =>
        Servers.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(s => new Uri(s.TrimEnd('/'))).ToList();
}
