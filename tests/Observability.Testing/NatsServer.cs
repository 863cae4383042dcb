using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using NATS.Client.Core;
using NATS.Net;

namespace Observability.Testing;

/// <summary>
/// A real nats-server process with JetStream on a free loopback port and a temporary store directory,
/// killed and deleted on dispose. Never a mock of the broker. Authorisation is on: the kit's users and permissions
/// (nats/auth.conf) with the passwords of <see cref="NatsUsers"/>.
/// </summary>
public sealed class NatsServer : IAsyncDisposable
{
    private Process? _process;
    private readonly string _storeDir;

    private NatsServer(string binary, int port, int monitorPort, string storeDir)
    {
        Binary = binary;
        Port = port;
        MonitorPort = monitorPort;
        _storeDir = storeDir;
    }

    public string Binary { get; }
    public int Port { get; }
    public int MonitorPort { get; }
    /// <summary>The URL with the operator's credentials (user <c>kit</c>): what the tests' own clients and tools use.</summary>
    public string Url => NatsUsers.WithCredential(PlainUrl, NatsUsers.Kit);

    /// <summary>The URL without credentials: a client connecting with it is refused (authorisation is on).</summary>
    public string PlainUrl => $"nats://127.0.0.1:{Port}";

    /// <summary>The URL with another user's credentials, e.g. to show what that service may not do.</summary>
    public string UrlFor(NatsCredential credential) => NatsUsers.WithCredential(PlainUrl, credential);
    public string MonitorUrl => $"http://127.0.0.1:{MonitorPort}";

    /// <summary>Starts a server; <c>NATS_SERVER_BIN</c> overrides the binary found on PATH or under <c>.tools/</c>.</summary>
    public static async Task<NatsServer> StartAsync(CancellationToken cancellationToken = default)
    {
        var storeDir = Path.Combine(Path.GetTempPath(), "kit-nats-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(storeDir);
        var server = new NatsServer(FindBinary(), FreePort(), FreePort(), storeDir);
        await server.StartProcessAsync(cancellationToken);
        return server;
    }


    /// <summary>Stops the server without deleting its store, e.g. to test a broker outage.</summary>
    public void Kill()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(10_000);
        }

        _process?.Dispose();
        _process = null;
    }

    /// <summary>Starts the server again on the same port and store, after <see cref="Kill"/>: a broker restart.</summary>
    public Task RestartAsync(CancellationToken cancellationToken = default) => StartProcessAsync(cancellationToken);

    public NatsClient CreateClient(string name = "test") => new(new NatsOpts { Url = Url, Name = name });

    /// <summary>A client connected as <paramref name="credential"/>'s user.</summary>
    public NatsClient CreateClient(NatsCredential credential) => new(new NatsOpts { Url = UrlFor(credential), Name = credential.User });

    private async Task StartProcessAsync(CancellationToken cancellationToken)
    {
        var psi = new ProcessStartInfo(Binary)
        {
            ArgumentList = { "-c", NatsUsers.ConfigPath, "-a", "127.0.0.1", "-p", Port.ToString(), "-m", MonitorPort.ToString(), "-js", "-sd", _storeDir },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var (key, value) in NatsUsers.ServerEnvironment)
        {
            psi.Environment[key] = value;
        }

        _process = Process.Start(psi) ?? throw new InvalidOperationException($"could not start {Binary}");
        _process.OutputDataReceived += (_, _) => { };
        _process.ErrorDataReceived += (_, _) => { };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();

        using var http = new HttpClient();
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (DateTime.UtcNow < deadline)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"nats-server exited with code {_process.ExitCode}");
            }

            try
            {
                // /healthz answers ok once JetStream is ready.
                var response = await http.GetAsync($"{MonitorUrl}/healthz", cancellationToken);
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }

            await Task.Delay(50, cancellationToken);
        }

        throw new TimeoutException("nats-server did not become healthy within 20 s");
    }

    public static string FindBinary()
    {
        var fromEnv = Environment.GetEnvironmentVariable("NATS_SERVER_BIN");
        if (!string.IsNullOrEmpty(fromEnv) && File.Exists(fromEnv))
        {
            return fromEnv;
        }

        var candidates = (Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Append("/usr/sbin")
            .Append(Path.Combine(RepositoryRoot.Path, ".tools", "bin"))
            .Select(dir => Path.Combine(dir, "nats-server"));
        return candidates.FirstOrDefault(File.Exists)
            ?? throw new FileNotFoundException("nats-server not found: install it (apt-get install nats-server) or set NATS_SERVER_BIN");
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public ValueTask DisposeAsync()
    {
        Kill();
        try
        {
            Directory.Delete(_storeDir, recursive: true);
        }
        catch (IOException)
        {
        }

        return ValueTask.CompletedTask;
    }
}
