using System.Net.Http.Headers;
using Observability.LoadSimulator.Faults;
using Observability.LoadSimulator.Statistics;

namespace Observability.LoadSimulator.Plugins;

/// <summary>
/// Posts Grafana annotations (POST /api/annotations) at run start, each phase boundary and run end, tagged
/// <c>loadsim</c>, the run id and the scenario, so dashboards show where the load changed. Each fault window of a
/// fault timeline becomes a region annotation tagged <c>fault</c>, its kind and the run id. Failures are logged, never fatal.
/// </summary>
public sealed class GrafanaAnnotationsPlugin(HttpClient http, Uri grafanaUrl, AuthenticationHeaderValue? authorization, ILogger logger) : IRunPlugin, IFaultAnnotator
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
        return PostAsync(run.StartedAt, $"loadsim run {run.RunId} started: {string.Join(", ", run.Scenarios)}", [.. _scenarios, "start"], null, null, cancellationToken);
    }

    public Task OnPhaseAsync(PhaseChange phase, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(phase);
        var text = $"{phase.Scenario}: {(phase.IsWarmUp ? "warm-up " : string.Empty)}{phase.Simulation}";
        return PostAsync(phase.At, text, [phase.Scenario, "phase"], null, null, cancellationToken);
    }

    public Task StopAsync(RunResult result, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(result);
        var text = $"loadsim run {result.RunId} ended after {result.DurationSeconds:0.#} s";
        return PostAsync(result.StartedAt.AddSeconds(result.DurationSeconds), text, [.. _scenarios, "end"], null, null, cancellationToken);
    }

    /// <summary>A region from the switch's put to its delete (or the restart command's start to its exit).</summary>
    public Task AnnotateFaultAsync(string runId, FaultWindow window, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(window);
        if (window.StartedAt is not { } start)
        {
            return Task.CompletedTask;
        }

        var end = window.EndedAt ?? start;
        var text = $"fault: {window.Step} ({window.Status}, {(end - start).TotalSeconds:0.#} s){(window.Detail is null ? string.Empty : " - " + window.Detail)}";
        return PostAsync(start, text, ["fault", window.Kind], end, runId, cancellationToken);
    }

    private async Task PostAsync(DateTimeOffset at, string text, IEnumerable<string> tags, DateTimeOffset? end, string? runId, CancellationToken cancellationToken)
    {
        try
        {
            var allTags = new[] { "loadsim", runId ?? _runId }.Concat(tags).Distinct(StringComparer.Ordinal).ToArray();
            object body = end is { } timeEnd
                ? new { time = at.ToUnixTimeMilliseconds(), timeEnd = timeEnd.ToUnixTimeMilliseconds(), tags = allTags, text }
                : new { time = at.ToUnixTimeMilliseconds(), tags = allTags, text };
            using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(grafanaUrl, "/api/annotations"))
            {
                Content = JsonContent.Create(body),
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
