using System.Net.Http.Json;
using System.Text.Json;

namespace Observability.Testing;

/// <summary>
/// A real Prometheus process (Debian's package, 2.42+) with a generated scrape config and a temporary data dir:
/// used to prove that dashboard queries return data from the real services.
/// </summary>
public sealed class PrometheusServer : IAsyncDisposable
{
    private readonly ExternalProcess _process;
    private readonly string _dir;

    private PrometheusServer(ExternalProcess process, string dir, string url)
    {
        _process = process;
        _dir = dir;
        Url = url;
    }

    public string Url { get; }

    /// <summary>Starts Prometheus scraping <paramref name="targets"/> (job name -> host:port) every second.</summary>
    public static async Task<PrometheusServer> StartAsync(IReadOnlyDictionary<string, string[]> targets, IEnumerable<string>? ruleFiles = null, CancellationToken cancellationToken = default)
    {
        var binary = FindBinary();
        var dir = Path.Combine(Path.GetTempPath(), "kit-prom-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        var config = "global:\n  scrape_interval: 1s\n  evaluation_interval: 1s\n";
        var rules = ruleFiles?.ToList() ?? [];
        if (rules.Count > 0)
        {
            config += "rule_files:\n" + string.Concat(rules.Select(r => $"  - '{r}'\n"));
        }

        config += "scrape_configs:\n" + string.Concat(targets.Select(t =>
            $"  - job_name: '{t.Key}'\n    static_configs:\n      - targets: [{string.Join(", ", t.Value.Select(v => $"'{v}'"))}]\n"));
        var configPath = Path.Combine(dir, "prometheus.yml");
        await File.WriteAllTextAsync(configPath, config, cancellationToken);

        var port = NatsServer.FreePort();
        var process = ExternalProcess.Start(binary,
        [
            $"--config.file={configPath}",
            $"--storage.tsdb.path={Path.Combine(dir, "data")}",
            $"--web.listen-address=127.0.0.1:{port}",
            "--enable-feature=exemplar-storage",
        ]);
        var url = $"http://127.0.0.1:{port}";
        await process.WaitHealthyAsync(url + "/-/ready", TimeSpan.FromSeconds(30), cancellationToken);
        return new PrometheusServer(process, dir, url);
    }

    /// <summary>Runs an instant query; returns the number of series in the result and the raw JSON.</summary>
    public async Task<(int Series, string Json)> QueryAsync(string promql, CancellationToken cancellationToken = default)
    {
        using var http = new HttpClient();
        var response = await http.GetFromJsonAsync<JsonElement>($"{Url}/api/v1/query?query={Uri.EscapeDataString(promql)}", cancellationToken);
        var json = response.GetRawText();
        if (response.GetProperty("status").GetString() != "success")
        {
            throw new InvalidOperationException($"query failed: {promql}: {json}");
        }

        var result = response.GetProperty("data").GetProperty("result");
        var series = result.ValueKind == JsonValueKind.Array ? result.GetArrayLength() : 1;
        return (series, json);
    }

    public static string FindBinary() =>
        new[] { "/usr/bin/prometheus", "/usr/local/bin/prometheus", RepositoryRoot.Combine(".tools", "bin", "prometheus") }.FirstOrDefault(File.Exists)
        ?? throw new FileNotFoundException("prometheus not found: install it (apt-get install prometheus)");

    public async ValueTask DisposeAsync()
    {
        await _process.DisposeAsync();
        try
        {
            Directory.Delete(_dir, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
