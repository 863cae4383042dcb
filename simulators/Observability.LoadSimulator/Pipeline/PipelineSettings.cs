using System.Globalization;

using Observability.LoadSimulator.Scenarios;

namespace Observability.LoadSimulator.Pipeline;

/// <summary>
/// Settings of the pipeline scenarios, read from the merged custom settings (code, config, <c>--set</c>) with
/// environment fallbacks <c>LoadSim__ApiUrl</c> / <c>LoadSim__NatsUrl</c> so compose can point loadsim at its services.
/// </summary>
public sealed record PipelineSettings
{
    public static PipelineSettings Default { get; } = new();

    /// <summary>API base URL. Default http://127.0.0.1:5080.</summary>
    public Uri ApiUrl { get; init; } = new("http://127.0.0.1:5080");

    /// <summary>NATS URL. Default nats://127.0.0.1:4222.</summary>
    public string NatsUrl { get; init; } = "nats://127.0.0.1:4222";

    /// <summary>
    /// Processors /metrics URLs (comma-separated setting), probed to count replicas. Default http://127.0.0.1:5081/metrics
    /// (scripts/run-local.sh); "none" turns the probe off.
    /// </summary>
    public IReadOnlyList<Uri> ProcessorsMetricsUrls { get; init; } = [new("http://127.0.0.1:5081/metrics")];

    /// <summary>Replica count given by the operator; wins over the probe.</summary>
    public int? ConfiguredReplicas { get; init; }

    /// <summary>Freshness is measured for one order in this many. Default 20.</summary>
    public int SampleEvery { get; init; } = 20;

    /// <summary>The "lag drained within Z s" threshold. Default 30 s; the drain wait itself stops at 60 s.</summary>
    public double MaxDrainSeconds { get; init; } = 30;

    /// <summary>Order scenarios other than orders-http/orders-publish go through "publish" (default) or "http".</summary>
    public bool ViaHttp { get; init; }

    public double KneeStartRate { get; init; } = 500;

    public double KneeFactor { get; init; } = 1.5;

    public TimeSpan KneeStep { get; init; } = TimeSpan.FromSeconds(10);

    public int KneeSteps { get; init; } = 10;

    /// <summary>A step whose publish p99 exceeds this is past the knee. Default 1000 ms.</summary>
    public double KneeMaxP99Ms { get; init; } = 1000;

    public static PipelineSettings From(IReadOnlyDictionary<string, string> settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var d = Default;
        return new PipelineSettings
        {
            ApiUrl = new Uri(Text(settings, SettingKeys.Api) ?? Environment.GetEnvironmentVariable("LoadSim__ApiUrl") ?? d.ApiUrl.ToString()),
            NatsUrl = Text(settings, SettingKeys.Nats) ?? Environment.GetEnvironmentVariable("LoadSim__NatsUrl") ?? d.NatsUrl,
            ProcessorsMetricsUrls = (Text(settings, SettingKeys.Processors) ?? Environment.GetEnvironmentVariable("LoadSim__ProcessorsUrl")) switch
            {
                null => d.ProcessorsMetricsUrls,
                "" or "none" => [],
                var urls => [.. urls.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(MetricsUrl)],
            },
            ConfiguredReplicas = Number(settings, SettingKeys.Replicas) is { } r ? (int)r : null,
            SampleEvery = Math.Max(1, (int)(Number(settings, SettingKeys.SampleEvery) ?? d.SampleEvery)),
            MaxDrainSeconds = Number(settings, SettingKeys.MaxDrainSeconds) ?? d.MaxDrainSeconds,
            ViaHttp = string.Equals(Text(settings, SettingKeys.Via), "http", StringComparison.OrdinalIgnoreCase),
            KneeStartRate = Number(settings, SettingKeys.KneeStart) ?? d.KneeStartRate,
            KneeFactor = Number(settings, SettingKeys.KneeFactor) ?? d.KneeFactor,
            KneeStep = Number(settings, SettingKeys.KneeStepSeconds) is { } s ? TimeSpan.FromSeconds(s) : d.KneeStep,
            KneeSteps = (int)(Number(settings, SettingKeys.KneeSteps) ?? d.KneeSteps),
            KneeMaxP99Ms = Number(settings, SettingKeys.KneeMaxP99Ms) ?? d.KneeMaxP99Ms,
        };
    }

    private static Uri MetricsUrl(string url) => new(url.EndsWith("/metrics", StringComparison.Ordinal) ? url : url.TrimEnd('/') + "/metrics");

    private static string? Text(IReadOnlyDictionary<string, string> settings, string key) =>
        settings.TryGetValue(key, out var value) ? value : null;

    private static double? Number(IReadOnlyDictionary<string, string> settings, string key) =>
        Text(settings, key) is { } text
            ? double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) ? value : throw new Simulations.InvalidLoadSimulationException($"Setting '{key}' must be a number, got '{text}'.")
            : null;
}
