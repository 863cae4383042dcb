using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;

namespace Observability.Stack.Tests.Scripts;

/// <summary>
/// scripts/run-local.sh for real (from the Release build output, on ports of its own) with two processor replicas and
/// the observability stack: the local Prometheus scrapes every replica it started, not only the first, and the broker
/// exporter it starts beside nats-server.
/// </summary>
public sealed class RunLocalScrapeTargetsTests
{
    [Fact]
    public async Task Prometheus_scrapes_every_processor_replica_run_local_starts()
    {
        KitService.FindBuildOutput("Observability.Processors");
        var run = Directory.CreateTempSubdirectory("kit-run-local-scrape-").FullName;
        string[] processorPorts = [Port(), Port()];
        var prometheusPort = Port();
        var environment = new Dictionary<string, string>
        {
            ["KIT_RUN_DIR"] = run,
            ["KIT_NATS_PORT"] = Port(),
            ["KIT_NATS_MONITOR_PORT"] = Port(),
            ["KIT_API_PORT"] = Port(),
            ["KIT_PRODUCER_PORT"] = Port(),
            ["KIT_PROCESSOR_PORTS"] = string.Join(' ', processorPorts),
            ["KIT_PROMETHEUS_PORT"] = prometheusPort,
            ["KIT_DASHBOARD_PORT"] = Port(),
            ["KIT_OTLP_GRPC_PORT"] = Port(),
            ["KIT_OTLP_HTTP_PORT"] = Port(),
            ["KIT_BROKER_EXPORTER_PORT"] = Port(),
            ["KIT_ALERTMANAGER_PORT"] = Port(),
        };
        var script = ExternalProcess.Start("bash", ["scripts/run-local.sh", "--no-build", "--no-producer", "--processors", "2"], environment);
        try
        {
            await Eventually.UntilAsync(() => script.Tail.Contains("Running (logs in", StringComparison.Ordinal) || script.HasExited,
                TimeSpan.FromMinutes(4), "run-local.sh starts nats, the observability stack, the API and two processors");
            Assert.False(script.HasExited, script.Tail);

            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
            var up = await Eventually.UntilAsync(
                async () => await UpTargetsAsync(http, $"http://127.0.0.1:{prometheusPort}"),
                t => t.Count(x => x.Job == "processors") == 2 && t.Any(x => x.Job == "api") && t.Any(x => x.Job == "nats"),
                TimeSpan.FromSeconds(60), "Prometheus to scrape both processor replicas, the API and the broker exporter");
            Assert.Contains(("nats", $"127.0.0.1:{environment["KIT_BROKER_EXPORTER_PORT"]}"), up);
            Assert.Equal(processorPorts.Select(p => $"127.0.0.1:{p}").Order(StringComparer.Ordinal),
                up.Where(x => x.Job == "processors").Select(x => x.Instance).Order(StringComparer.Ordinal));
        }
        finally
        {
            using (var term = System.Diagnostics.Process.Start("kill", ["-TERM", script.Id.ToString(CultureInfo.InvariantCulture)]))
            {
                await term.WaitForExitAsync();
            }

            await script.WaitForExitAsync(TimeSpan.FromSeconds(90));
            await script.DisposeAsync();
            Directory.Delete(run, recursive: true);
        }
    }

    /// <summary>The active targets Prometheus scrapes successfully, as (job, instance).</summary>
    private static async Task<List<(string Job, string Instance)>> UpTargetsAsync(HttpClient http, string prometheus)
    {
        try
        {
            var body = await http.GetFromJsonAsync<JsonElement>($"{prometheus}/api/v1/targets?state=active");
            return body.GetProperty("data").GetProperty("activeTargets").EnumerateArray()
                .Where(t => t.GetProperty("health").GetString() == "up")
                .Select(t => (t.GetProperty("labels").GetProperty("job").GetString()!, t.GetProperty("labels").GetProperty("instance").GetString()!))
                .ToList();
        }
        catch (HttpRequestException)
        {
            return [];
        }
    }

    private static string Port() => NatsServer.FreePort().ToString(CultureInfo.InvariantCulture);
}
