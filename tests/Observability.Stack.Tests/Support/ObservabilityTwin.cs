using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Observability.Stack.Tests.Support;

/// <summary>
/// The real no-Docker twin, <c>scripts/run-observability.sh</c> (Prometheus + the Aspire dashboard as OTLP receiver),
/// on free ports and a temporary run folder. Killed with its children on dispose.
/// </summary>
public sealed class ObservabilityTwin : IAsyncLifetime
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(4); // first run restores the dashboard package
    private readonly StringBuilder _output = new();
    private TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly string _runDirectory = Directory.CreateTempSubdirectory("kit-run-observability-").FullName;

    public int PrometheusPort { get; private set; } = FreePort();
    public int DashboardPort { get; private set; } = FreePort();
    public int OtlpGrpcPort { get; private set; } = FreePort();
    public int OtlpHttpPort { get; private set; } = FreePort();
    public int AlertmanagerPort { get; private set; } = FreePort();
    public Process Script { get; private set; } = null!;

    public string DashboardUrl => $"http://127.0.0.1:{DashboardPort}";
    public string OtlpGrpcEndpoint => $"http://127.0.0.1:{OtlpGrpcPort}";

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
        info.Environment["KIT_PROMETHEUS_PORT"] = PrometheusPort.ToString();
        info.Environment["KIT_DASHBOARD_PORT"] = DashboardPort.ToString();
        info.Environment["KIT_OTLP_GRPC_PORT"] = OtlpGrpcPort.ToString();
        info.Environment["KIT_OTLP_HTTP_PORT"] = OtlpHttpPort.ToString();
        info.Environment["KIT_ALERTMANAGER_PORT"] = AlertmanagerPort.ToString();
        info.Environment["KIT_RUN_DIR"] = _runDirectory;

        Script = new Process { StartInfo = info };
        Script.OutputDataReceived += (_, e) => Record(e.Data);
        Script.ErrorDataReceived += (_, e) => Record(e.Data);
        Script.Start();
        Script.BeginOutputReadLine();
        Script.BeginErrorReadLine();
        return Task.CompletedTask;
    }

    /// <summary>
    /// Waits for the script's "is up" line; fails with its output if it exits or times out first. A script that exits
    /// at once gets one more start on fresh ports: a free port can be taken by a parallel test between the pick and
    /// the bind (seen once in CI as "prometheus exited").
    /// </summary>
    public async Task WaitUntilReadyAsync()
    {
        var finished = await Task.WhenAny(_ready.Task, Script.WaitForExitAsync(), Task.Delay(StartTimeout));
        if (finished != _ready.Task && Script.HasExited)
        {
            Record("[test] the script exited before it was ready; starting it again on fresh ports");
            (PrometheusPort, DashboardPort, OtlpGrpcPort, OtlpHttpPort, AlertmanagerPort) = (FreePort(), FreePort(), FreePort(), FreePort(), FreePort());
            _ready = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            Script.Dispose();
            await InitializeAsync();
            finished = await Task.WhenAny(_ready.Task, Script.WaitForExitAsync(), Task.Delay(StartTimeout));
        }

        Assert.True(finished == _ready.Task, $"scripts/run-observability.sh did not report ready within {StartTimeout}:\n{Output()}");
    }

    public string Output()
    {
        lock (_output)
        {
            return _output.ToString();
        }
    }

    public static bool Listening(int port)
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

    public async Task DisposeAsync()
    {
        if (Script is { HasExited: false })
        {
            Script.Kill(entireProcessTree: true);
            await Script.WaitForExitAsync();
        }

        Script?.Dispose();
        try
        {
            Directory.Delete(_runDirectory, recursive: true);
        }
        catch (IOException)
        {
            // a straggling Prometheus may still hold its lock file; the folder is under /tmp
        }
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

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
