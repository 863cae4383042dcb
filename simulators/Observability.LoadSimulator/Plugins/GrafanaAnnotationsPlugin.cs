using System.Net.Http.Headers;
using Observability.LoadSimulator.Statistics;

namespace Observability.LoadSimulator.Plugins;

/// <summary>
/// Posts Grafana annotations (POST /api/annotations) at run start, each phase boundary and run end, tagged
/// <c>loadsim</c>, the run id and the scenario, so dashboards show where the load changed. Failures are logged, never fatal.
/// </summary>
public sealed class GrafanaAnnotationsPlugin(HttpClient http, Uri grafanaUrl, AuthenticationHeaderValue? authorization, ILogger logger) : IRunPlugin
{
    /// <summary>
    /// <c>GRAFANA_TOKEN</c> (a service-account token, Bearer) or else <c>GRAFANA_USER</c> + <c>GRAFANA_PASSWORD</c>
    /// (basic auth): anonymous users are Viewers and cannot annotate.
    /// </summary>
    public static AuthenticationHeaderValue? AuthorizationFromEnvironment()
    {
        if (Environment.GetEnvironmentVariable("GRAFANA_TOKEN") is { Length: > 0 } token)
        {
            return new AuthenticationHeaderValue("Bearer", token);
        }

        return Environment.GetEnvironmentVariable("GRAFANA_USER") is { Length: > 0 } user
            ? new AuthenticationHeaderValue("Basic", Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes($"{user}:{Environment.GetEnvironmentVariable("GRAFANA_PASSWORD")}")))
            : null;
    }

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
            request.Headers.Authorization = authorization;

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
