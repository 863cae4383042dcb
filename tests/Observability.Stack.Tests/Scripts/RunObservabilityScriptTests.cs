using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Observability.Stack.Tests.Support;

namespace Observability.Stack.Tests.Scripts;

/// <summary>
/// Starts the real no-Docker twin (Prometheus + the Aspire dashboard) on free ports, sends it a span over
/// OTLP/HTTP, reads it back from the dashboard's JSON API, then stops the script with SIGTERM.
/// </summary>
public sealed class RunObservabilityScriptTests : IAsyncLifetime
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(4); // first run restores the dashboard package
    private readonly int _prometheusPort = FreePort();
    private readonly int _dashboardPort = FreePort();
    private readonly int _otlpGrpcPort = FreePort();
    private readonly int _otlpHttpPort = FreePort();
    private readonly string _runDirectory = Directory.CreateTempSubdirectory("kit-run-observability-").FullName;
    private readonly StringBuilder _output = new();
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(5) };
    private Process? _script;

    public Task InitializeAsync()
    {
        var info = new ProcessStartInfo(ExternalTool.Require("bash"))
        {
            WorkingDirectory = RepositoryRoot.Path,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add("scripts/run-observability.sh");
        info.Environment["KIT_PROMETHEUS_PORT"] = _prometheusPort.ToString();
        info.Environment["KIT_DASHBOARD_PORT"] = _dashboardPort.ToString();
        info.Environment["KIT_OTLP_GRPC_PORT"] = _otlpGrpcPort.ToString();
        info.Environment["KIT_OTLP_HTTP_PORT"] = _otlpHttpPort.ToString();
        info.Environment["KIT_RUN_DIR"] = _runDirectory;

        _script = new Process { StartInfo = info };
        _script.OutputDataReceived += (_, e) => Record(e.Data);
        _script.ErrorDataReceived += (_, e) => Record(e.Data);
        _script.Start();
        _script.BeginOutputReadLine();
        _script.BeginErrorReadLine();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        if (_script is { HasExited: false })
        {
            _script.Kill(entireProcessTree: true);
            await _script.WaitForExitAsync();
        }

        _script?.Dispose();
        try
        {
            Directory.Delete(_runDirectory, recursive: true);
        }
        catch (IOException)
        {
            // a straggling Prometheus may still hold its lock file; the folder is under /tmp
        }
    }

    [Fact]
    public async Task Starts_Prometheus_and_the_Aspire_dashboard_receives_a_span_and_stops_on_SIGTERM()
    {
        await WaitUntilReady();

        // Prometheus runs the local config: the kit's alert rules and the same scrape jobs as compose.
        var rules = await _http.GetStringAsync(new Uri($"http://127.0.0.1:{_prometheusPort}/api/v1/rules"));
        Assert.Contains("KitConsumerStalled", rules, StringComparison.Ordinal);
        var config = await _http.GetStringAsync(new Uri($"http://127.0.0.1:{_prometheusPort}/api/v1/status/config"));
        Assert.Contains("127.0.0.1:5081", config, StringComparison.Ordinal);

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
        using var posted = await _http.PostAsync(new Uri($"http://127.0.0.1:{_otlpHttpPort}/v1/traces"), content);
        Assert.True(posted.IsSuccessStatusCode, $"OTLP/HTTP export answered {(int)posted.StatusCode}");

        await Eventually.UntilAsync(
            () => _http.GetStringAsync(new Uri($"http://127.0.0.1:{_dashboardPort}/api/telemetry/traces")),
            body => body.Contains(traceId, StringComparison.OrdinalIgnoreCase),
            TimeSpan.FromSeconds(15),
            "the exported span to appear in /api/telemetry/traces");

        // SIGTERM (not SIGKILL): the script's trap must stop both children.
        var kill = await ExternalTool.RunAsync("kill", ["-TERM", _script!.Id.ToString()]);
        Assert.Equal(0, kill.ExitCode);
        using var exited = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await _script.WaitForExitAsync(exited.Token);
        await Eventually.UntilAsync(
            () => !Listening(_prometheusPort) && !Listening(_dashboardPort) && !Listening(_otlpHttpPort),
            TimeSpan.FromSeconds(15),
            "Prometheus and the dashboard to stop listening after the script was terminated");
        Assert.Contains("stopped", Output(), StringComparison.Ordinal);
    }

    private async Task WaitUntilReady()
    {
        var finished = await Task.WhenAny(_ready.Task, _script!.WaitForExitAsync(), Task.Delay(StartTimeout));
        Assert.True(finished == _ready.Task, $"scripts/run-observability.sh did not report ready within {StartTimeout}:\n{Output()}");
    }

    private void Record(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
        }

        if (line.Contains("Observability (no Docker) is up", StringComparison.Ordinal))
        {
            _ready.TrySetResult();
        }
    }

    private string Output()
    {
        lock (_output)
        {
            return _output.ToString();
        }
    }

    private static bool Listening(int port)
    {
        try
        {
            using var client = new TcpClient();
            client.Connect(IPAddress.Loopback, port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
