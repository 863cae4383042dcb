using System.Net.Http.Headers;
using Observability.LoadSimulator.Statistics;

namespace Observability.LoadSimulator.Plugins;

/// <summary>
/// Posts Grafana annotations (POST /api/annotations) at run start, each phase boundary and run end, tagged
/// <c>loadsim</c>, the run id and the scenario, so dashboards show where the load changed. Failures are logged, never fatal.
/// </summary>
public sealed class GrafanaAnnotationsPlugin(HttpClient http, Uri grafanaUrl, string? apiToken, ILogger logger) : IRunPlugin
{
    private string _runId = string.Empty;
    private IReadOnlyList<string> _scenarios = [];

    public string Name => "grafana-annotations";

    public Task StartAsync(RunStartInfo run, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(run);
        _runId = run.RunId;
        _scenarios = run.Scenarios;
        return PostAsync(run.StartedAt, $"loadsim run {run.RunId} started: {string.Join(", ", run.Scenarios)}", [.. _scenarios, "start"], cancellationToken);
    }

    public Task OnPhaseAsync(PhaseChange phase, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(phase);
        var text = $"{phase.Scenario}: {(phase.IsWarmUp ? "warm-up " : string.Empty)}{phase.Simulation}";
        return PostAsync(phase.At, text, [phase.Scenario, "phase"], cancellationToken);
    }

    public Task StopAsync(RunResult result, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(result);
        var text = $"loadsim run {result.RunId} ended after {result.DurationSeconds:0.#} s";
        return PostAsync(result.StartedAt.AddSeconds(result.DurationSeconds), text, [.. _scenarios, "end"], cancellationToken);
    }

    private async Task PostAsync(DateTimeOffset at, string text, IEnumerable<string> tags, CancellationToken cancellationToken)
    {
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(grafanaUrl, "/api/annotations"))
            {
                Content = JsonContent.Create(new { time = at.ToUnixTimeMilliseconds(), tags = new[] { "loadsim", _runId }.Concat(tags).ToArray(), text }),
            };
            if (!string.IsNullOrEmpty(apiToken))
            {
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", apiToken);
            }

            using var response = await http.SendAsync(request, cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                logger.LogWarning("Grafana annotation rejected: {Status}", (int)response.StatusCode);
            }
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
        {
            logger.LogWarning("Grafana annotation failed: {Message}", ex.Message);
        }
    }
}
