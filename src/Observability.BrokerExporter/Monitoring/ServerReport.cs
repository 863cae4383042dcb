namespace Observability.BrokerExporter.Monitoring;

/// <summary>
/// What one server's monitoring endpoint said during one scrape; <see cref="Up"/> is false (and the rest empty) when
/// it did not answer in time. <see cref="Address"/> is the configured host:port, stable whether the server is up or not.
/// </summary>
internal sealed record ServerReport(string Address, bool Up, Varz? Varz, Jsz? Jsz, Connz? Connz)
{
    public static ServerReport Down(string address) => new(address, false, null, null, null);
}
