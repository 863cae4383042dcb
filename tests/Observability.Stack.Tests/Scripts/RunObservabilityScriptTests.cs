using System.Text;
using Observability.Stack.Tests.Support;

namespace Observability.Stack.Tests.Scripts;

/// <summary>
/// Starts the real no-Docker twin (Prometheus + the Aspire dashboard) on free ports, sends it a span over
/// OTLP/HTTP, reads it back from the dashboard's JSON API, then stops the script with SIGTERM.
/// </summary>
public sealed class RunObservabilityScriptTests(ObservabilityTwin twin) : IClassFixture<ObservabilityTwin>, IDisposable
{
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(5) };

    public void Dispose() => _http.Dispose();

    [Fact]
    public async Task Starts_Prometheus_and_the_Aspire_dashboard_receives_a_span_and_stops_on_SIGTERM()
    {
        await twin.WaitUntilReadyAsync();

        // Prometheus runs the local config: the kit's alert rules and the same scrape jobs as compose, on their
        // default ports when the script runs alone (no target folder from scripts/run-local.sh).
        var rules = await _http.GetStringAsync(new Uri($"http://127.0.0.1:{twin.PrometheusPort}/api/v1/rules"));
        Assert.Contains("KitConsumerStalled", rules, StringComparison.Ordinal);
        await Eventually.UntilAsync(
            () => _http.GetStringAsync(new Uri($"http://127.0.0.1:{twin.PrometheusPort}/api/v1/targets")),
            body => body.Contains("127.0.0.1:5081", StringComparison.Ordinal) && body.Contains($"127.0.0.1:{twin.PrometheusPort}", StringComparison.Ordinal),
            TimeSpan.FromSeconds(20),
            "the default processors target and Prometheus itself to be discovered");

        // Alertmanager is up and Prometheus sends its alerts there.
        await Eventually.UntilAsync(
            () => _http.GetStringAsync(new Uri($"http://127.0.0.1:{twin.PrometheusPort}/api/v1/alertmanagers")),
            body => body.Contains($"127.0.0.1:{twin.AlertmanagerPort}/api/v2/alerts", StringComparison.Ordinal),
            TimeSpan.FromSeconds(20),
            "Prometheus to discover the script's Alertmanager");
        using (var ready = await _http.GetAsync(new Uri($"http://127.0.0.1:{twin.AlertmanagerPort}/-/ready")))
        {
            Assert.True(ready.IsSuccessStatusCode, $"Alertmanager /-/ready answered {(int)ready.StatusCode}");
        }

        // A span sent over OTLP/HTTP comes back from the dashboard's JSON API.
        var traceId = Guid.NewGuid().ToString("N");
        var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() * 1_000_000;
        var span = $$$"""
            {"resourceSpans":[{"resource":{"attributes":[{"key":"service.name","value":{"stringValue":"processors"}}]},
              "scopeSpans":[{"scope":{"name":"stack-test"},"spans":[{"traceId":"{{{traceId}}}","spanId":"00f067aa0ba902b7",
                "name":"process orders.{order_id}","kind":5,"startTimeUnixNano":"{{{now - 2_000_000}}}","endTimeUnixNano":"{{{now}}}",
                "attributes":[{"key":"messaging.system","value":{"stringValue":"nats"}}]}]}]}]}
            """;
        using var content = new StringContent(span, Encoding.UTF8, "application/json");
        using var posted = await _http.PostAsync(new Uri($"http://127.0.0.1:{twin.OtlpHttpPort}/v1/traces"), content);
        Assert.True(posted.IsSuccessStatusCode, $"OTLP/HTTP export answered {(int)posted.StatusCode}");

        await Eventually.UntilAsync(
            () => _http.GetStringAsync(new Uri($"{twin.DashboardUrl}/api/telemetry/traces")),
            body => body.Contains(traceId, StringComparison.OrdinalIgnoreCase),
            TimeSpan.FromSeconds(15),
            "the exported span to appear in /api/telemetry/traces");

        // SIGTERM (not SIGKILL): the script's trap must stop both children.
        var kill = await ExternalTool.RunAsync("kill", ["-TERM", twin.Script.Id.ToString()]);
        Assert.Equal(0, kill.ExitCode);
        using var exited = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await twin.Script.WaitForExitAsync(exited.Token);
        await Eventually.UntilAsync(
            () => !ObservabilityTwin.Listening(twin.PrometheusPort) && !ObservabilityTwin.Listening(twin.DashboardPort) && !ObservabilityTwin.Listening(twin.OtlpHttpPort)
                  && !ObservabilityTwin.Listening(twin.AlertmanagerPort),
            TimeSpan.FromSeconds(15),
            "Prometheus, Alertmanager and the dashboard to stop listening after the script was terminated");
        Assert.Contains("stopped", twin.Output(), StringComparison.Ordinal);
    }
}
