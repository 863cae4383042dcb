using System.Text.Json;

namespace Observability.BrokerExporter.Monitoring;

/// <summary>Reads /varz, /jsz and /connz of every configured server, in parallel, each bounded by the timeout.</summary>
internal sealed class MonitoringClient(HttpClient http, BrokerExporterOptions options, ILogger<MonitoringClient> logger)
{
    public Task<ServerReport[]> ReadAllAsync(CancellationToken cancellationToken) =>
        Task.WhenAll(options.ServerUris().Select(uri => ReadAsync(uri, cancellationToken)));

    private async Task<ServerReport> ReadAsync(Uri server, CancellationToken cancellationToken)
    {
        var address = server.Authority;
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.Timeout);
        try
        {
            var varz = GetAsync<Varz>(server, "/varz", timeout.Token);
            var jsz = GetAsync<Jsz>(server, "/jsz?streams=true&config=true", timeout.Token);
            var connz = GetAsync<Connz>(server, "/connz?limit=1024", timeout.Token);
            return new ServerReport(address, true, await varz, await jsz, await connz);
        }
        catch (Exception ex) when (ex is HttpRequestException or JsonException || (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            logger.LogDebug("nats-server {Server} did not answer: {Message}", address, ex.Message);
            return ServerReport.Down(address);
        }
    }

    private async Task<T> GetAsync<T>(Uri server, string path, CancellationToken cancellationToken) =>
        await http.GetFromJsonAsync<T>(new Uri(server, path), cancellationToken)
        ?? throw new JsonException($"{server}{path} returned null");
}
