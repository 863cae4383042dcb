using System.Globalization;

namespace Observability.LoadSimulator.Pipeline;

/// <summary>
/// Counts processor replicas by scraping their /metrics a few times on fresh connections (a compose service
/// name round-robins between replicas) and counting distinct <c>process_start_time_seconds</c> values.
/// </summary>
internal static class ReplicaCounter
{
    private const string StartTimeMetric = "process_start_time_seconds ";

    /// <summary>Distinct processes seen, or null when none answered.</summary>
    public static async Task<int?> CountAsync(HttpClient http, IReadOnlyList<Uri> metricsUrls, int probesPerUrl, CancellationToken cancellationToken)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var metricsUrl in metricsUrls)
        {
            await ProbeAsync(http, metricsUrl, probesPerUrl, seen, cancellationToken);
        }

        return seen.Count == 0 ? null : seen.Count;
    }

    private static async Task ProbeAsync(HttpClient http, Uri metricsUrl, int probes, HashSet<string> seen, CancellationToken cancellationToken)
    {
        for (var i = 0; i < probes; i++)
        {
            try
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, metricsUrl);
                request.Headers.ConnectionClose = true;
                using var response = await http.SendAsync(request, cancellationToken);
                if (!response.IsSuccessStatusCode)
                {
                    continue;
                }

                var body = await response.Content.ReadAsStringAsync(cancellationToken);
                if (StartTime(body) is { } start)
                {
                    seen.Add(start);
                }
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
            {
                // Not reachable: the count stays unknown, the run goes on.
                break;
            }
        }
    }

    internal static string? StartTime(string metrics)
    {
        foreach (var line in metrics.AsSpan().EnumerateLines())
        {
            if (line.StartsWith(StartTimeMetric, StringComparison.Ordinal))
            {
                return line[StartTimeMetric.Length..].Trim().ToString();
            }
        }

        return null;
    }

    internal static string Describe(int? replicas, bool configured) =>
        replicas is { } r ? r.ToString(CultureInfo.InvariantCulture) + (configured ? " (configured)" : " (observed)") : "unknown";
}
