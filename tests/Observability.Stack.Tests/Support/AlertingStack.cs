using System.Globalization;

namespace Observability.Stack.Tests.Support;

/// <summary>
/// The no-Docker alerting path with the repository's own files: Prometheus on a copy of prometheus/prometheus.local.yml
/// (its rules, file_sd targets written here) and Debian's Alertmanager on alertmanager/alertmanager.local.yml with its
/// webhook URL pointed at a test receiver, the way scripts/run-observability.sh prepares them.
/// </summary>
internal sealed class AlertingStack : IAsyncDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("kit-alerting-").FullName;
    private readonly List<ExternalProcess> _processes = [];

    public int PrometheusPort { get; } = NatsServer.FreePort();
    public int AlertmanagerPort { get; } = NatsServer.FreePort();
    public string PrometheusUrl => $"http://127.0.0.1:{PrometheusPort}";
    public string AlertmanagerUrl => $"http://127.0.0.1:{AlertmanagerPort}";

    /// <summary>Starts both; <paramref name="targets"/> are job name to host:port, written as targets/&lt;job&gt;.json.</summary>
    public static async Task<AlertingStack> StartAsync(string webhookUrl, IReadOnlyDictionary<string, string[]> targets, CancellationToken cancellationToken)
    {
        var stack = new AlertingStack();
        var prometheusDir = Path.Combine(stack._root, "prometheus");
        var targetsDir = Path.Combine(prometheusDir, "targets");
        Directory.CreateDirectory(targetsDir);
        File.Copy(RepositoryRoot.Combine("prometheus", "prometheus.local.yml"), Path.Combine(prometheusDir, "prometheus.yml"));
        File.CreateSymbolicLink(Path.Combine(prometheusDir, "rules"), RepositoryRoot.Combine("prometheus", "rules"));
        var all = new Dictionary<string, string[]>(targets) { ["alertmanager"] = [$"127.0.0.1:{stack.AlertmanagerPort}"] };
        foreach (var (job, hosts) in all)
        {
            await File.WriteAllTextAsync(Path.Combine(targetsDir, job + ".json"),
                $"[{{\"targets\": [{string.Join(", ", hosts.Select(h => $"\"{h}\""))}]}}]", cancellationToken);
        }

        const string LocalWebhook = "http://127.0.0.1:9099/alerts";
        var alertmanagerConfig = await File.ReadAllTextAsync(RepositoryRoot.Combine("alertmanager", "alertmanager.local.yml"), cancellationToken);
        Assert.Contains(LocalWebhook, alertmanagerConfig, StringComparison.Ordinal);
        var alertmanagerDir = Path.Combine(stack._root, "alertmanager");
        Directory.CreateDirectory(alertmanagerDir);
        await File.WriteAllTextAsync(Path.Combine(alertmanagerDir, "alertmanager.yml"), alertmanagerConfig.Replace(LocalWebhook, webhookUrl, StringComparison.Ordinal), cancellationToken);

        var alertmanager = ExternalProcess.Start(ExternalTool.Find("prometheus-alertmanager") ?? ExternalTool.Require("alertmanager"),
        [
            $"--config.file={Path.Combine(alertmanagerDir, "alertmanager.yml")}",
            $"--storage.path={Path.Combine(alertmanagerDir, "data")}",
            $"--web.listen-address=127.0.0.1:{stack.AlertmanagerPort.ToString(CultureInfo.InvariantCulture)}",
            "--cluster.listen-address=",
        ]);
        stack._processes.Add(alertmanager);
        var prometheus = ExternalProcess.Start(PrometheusServer.FindBinary(),
        [
            $"--config.file={Path.Combine(prometheusDir, "prometheus.yml")}",
            $"--storage.tsdb.path={Path.Combine(prometheusDir, "data")}",
            $"--web.listen-address=127.0.0.1:{stack.PrometheusPort.ToString(CultureInfo.InvariantCulture)}",
        ]);
        stack._processes.Add(prometheus);
        await alertmanager.WaitHealthyAsync(stack.AlertmanagerUrl + "/-/ready", TimeSpan.FromSeconds(30), cancellationToken);
        await prometheus.WaitHealthyAsync(stack.PrometheusUrl + "/-/ready", TimeSpan.FromSeconds(30), cancellationToken);
        return stack;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var process in _processes)
        {
            await process.DisposeAsync();
        }

        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
