using Observability.Stack.Tests.Support;

namespace Observability.Stack.Tests.Live;

/// <summary>
/// What every service exposes and writes while Prometheus scrapes it every second: /metrics that promtool's linter
/// accepts, and logs without a line per scrape or health probe (while a real request is still logged).
/// </summary>
[Collection(LivePipelineCollection.Name)]
public sealed class ServiceHygieneTests(LivePipeline pipeline) : IDisposable
{
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(10) };

    public static TheoryData<string> Jobs() => new("api", "processors", "producer", "loadsim", "nats");

    public void Dispose() => _http.Dispose();

    [Theory]
    [MemberData(nameof(Jobs))]
    public async Task Promtool_check_metrics_is_clean_on_the_live_metrics_endpoint(string job)
    {
        // Runtime collectors register lazily (prometheus-net's EventCounter bridge after its first interval): wait
        // until Prometheus has scraped the target a few times, so whatever appears late is in the exposition.
        await Eventually.UntilAsync(
            () => pipeline.Prometheus.QueryAsync($"count_over_time(up{{job=\"{job}\"}}[1m]) >= 10"), r => r.Series > 0, TimeSpan.FromSeconds(60),
            $"Prometheus to have scraped {job} 10 times");
        var exposition = await _http.GetStringAsync(new Uri(pipeline.Services[job].Url + "/metrics"));
        Assert.Contains("# TYPE ", exposition, StringComparison.Ordinal);

        var file = Path.GetTempFileName();
        try
        {
            await File.WriteAllTextAsync(file, exposition);
            var result = await ExternalTool.RunAsync("sh", ["-c", $"{ExternalTool.Require("promtool")} check metrics < '{file}'"]);
            Assert.True(result.ExitCode == 0 && result.StandardOutput.Trim().Length == 0 && result.StandardError.Trim().Length == 0,
                $"promtool check metrics on {job}'s /metrics: {result.Describe()}");
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Theory]
    [InlineData("api")]
    [InlineData("processors")]
    [InlineData("producer")]
    public async Task Scrapes_and_health_probes_are_not_logged(string job)
    {
        var (process, url) = pipeline.Services[job];
        for (var i = 0; i < 10; i++)
        {
            (await _http.GetAsync(new Uri(url + "/health"))).Dispose();
            (await _http.GetAsync(new Uri(url + "/alive"))).Dispose();
        }

        await Eventually.UntilAsync(
            () => pipeline.Prometheus.QueryAsync($"count_over_time(up{{job=\"{job}\"}}[1m]) >= 10"), r => r.Series > 0, TimeSpan.FromSeconds(60),
            $"Prometheus to have scraped {job} 10 times");
        var infrastructure = process.Tail.Split('\n')
            .Where(l => l.Contains("/metrics", StringComparison.Ordinal) || l.Contains("/health", StringComparison.Ordinal) || l.Contains("/alive", StringComparison.Ordinal))
            .ToList();
        Assert.True(infrastructure.Count == 0, $"{job} logged scrapes or probes:\n{string.Join("\n", infrastructure.Take(5))}");
    }

    [Fact]
    public async Task A_request_to_the_API_is_still_logged_once_with_its_status()
    {
        var (api, url) = pipeline.Services["api"];
        var path = "/orders/" + Guid.NewGuid().ToString("N");
        using var response = await _http.GetAsync(new Uri(url + path));
        var status = (int)response.StatusCode;

        var lines = await Eventually.UntilAsync(
            () => Task.FromResult(api.Tail.Split('\n').Where(l => l.Contains(path, StringComparison.Ordinal)).ToList()),
            l => l.Any(x => x.Contains("HttpLogging", StringComparison.Ordinal)), TimeSpan.FromSeconds(10), "the API to log the request");
        var logged = Assert.Single(lines, l => l.Contains("HttpLogging", StringComparison.Ordinal));
        Assert.Contains($"\"StatusCode\":{status}", logged, StringComparison.Ordinal);
    }
}
