using System.Globalization;

namespace Observability.Stack.Tests.Support;

/// <summary>The kit's broker exporter (src/Observability.BrokerExporter) from its build output, on a free port.</summary>
internal static class BrokerExporterProcess
{
    public static async Task<(ExternalProcess Process, string Url)> StartAsync(string monitorUrls, CancellationToken cancellationToken)
    {
        var dll = KitService.FindBuildOutput("src", "Observability.BrokerExporter", "nats-broker-exporter");
        var url = $"http://127.0.0.1:{NatsServer.FreePort().ToString(CultureInfo.InvariantCulture)}";
        var process = ExternalProcess.Start("dotnet", [dll, "--urls", url],
            new Dictionary<string, string> { ["BrokerExporter__Servers"] = monitorUrls }, Path.GetDirectoryName(dll));
        await process.WaitHealthyAsync(url + "/alive", TimeSpan.FromSeconds(60), cancellationToken);
        return (process, url);
    }
}
