using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Observability.LoadSimulator.Simulations;

namespace Observability.LoadSimulator.Accuracy;

/// <summary>
/// A static HTTP target for the HTTP accuracy figure: nginx (one worker, no access log) serving a 512-byte file
/// from a temp folder on a free loopback port. A separate process, so the target does not share the generator's
/// runtime.
/// </summary>
internal sealed class StaticTarget : IAsyncDisposable
{
    private readonly Process _nginx;
    private readonly string _folder;

    private StaticTarget(Process nginx, string folder, Uri url)
    {
        _nginx = nginx;
        _folder = folder;
        Url = url;
    }

    public Uri Url { get; }

    public static string? FindNginx() =>
        new[] { "/usr/sbin/nginx", "/usr/bin/nginx", "/usr/local/sbin/nginx" }.FirstOrDefault(File.Exists);

    public static async Task<StaticTarget> StartAsync(CancellationToken cancellationToken)
    {
        if (OperatingSystem.IsWindows())
        {
            throw new InvalidLoadSimulationException("accuracy --http starts nginx, which this command runs on Linux or macOS only; pass --url.");
        }

        var nginx = FindNginx() ?? throw new InvalidLoadSimulationException("accuracy --http needs nginx for its static target (apt-get install nginx-light), or pass --url.");
        var folder = Directory.CreateTempSubdirectory("loadsim-target-").FullName;
        // nginx's workers drop to an unprivileged user: the files must be world-readable (the temp folder is 0700).
        const UnixFileMode readable = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.GroupRead
            | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute;
        File.SetUnixFileMode(folder, readable);
        Directory.CreateDirectory(Path.Combine(folder, "html"), readable);
        var file = Path.Combine(folder, "html", "small.txt");
        await File.WriteAllTextAsync(file, new string('x', 512), cancellationToken);
        File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
        var port = FreePort();
        await File.WriteAllTextAsync(Path.Combine(folder, "nginx.conf"), $$"""
            worker_processes 1;
            daemon off;
            pid {{folder}}/nginx.pid;
            error_log {{folder}}/error.log;
            events { worker_connections 8192; }
            http {
              access_log off;
              keepalive_requests 1000000;
              server { listen 127.0.0.1:{{port}}; root {{folder}}/html; }
            }
            """, cancellationToken);
        var process = Process.Start(new ProcessStartInfo(nginx, ["-c", Path.Combine(folder, "nginx.conf"), "-p", folder])
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
        }) ?? throw new InvalidLoadSimulationException("nginx did not start.");
        var target = new StaticTarget(process, folder, new Uri($"http://127.0.0.1:{port}/small.txt"));
        await target.WaitReadyAsync(port, cancellationToken);
        return target;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_nginx.HasExited)
        {
            // The tree: killing only the master leaves its worker running (and listening) as an orphan.
            _nginx.Kill(entireProcessTree: true);
            await _nginx.WaitForExitAsync(CancellationToken.None);
        }

        _nginx.Dispose();
        Directory.Delete(_folder, recursive: true);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private async Task WaitReadyAsync(int port, CancellationToken cancellationToken)
    {
        for (var i = 0; i < 100; i++)
        {
            if (_nginx.HasExited)
            {
                throw new InvalidLoadSimulationException("nginx exited: " + await _nginx.StandardError.ReadToEndAsync(cancellationToken));
            }

            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, port, cancellationToken);
                return;
            }
            catch (SocketException)
            {
                await Task.Delay(50, cancellationToken);
            }
        }

        throw new InvalidLoadSimulationException($"nginx did not listen on port {port} within 5 s.");
    }
}
