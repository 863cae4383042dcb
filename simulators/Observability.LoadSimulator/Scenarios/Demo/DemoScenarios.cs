using System.Globalization;

namespace Observability.LoadSimulator.Scenarios.Demo;

/// <summary>Two self-contained scenarios so the CLI is usable without the pipeline.</summary>
public static class DemoScenarios
{
    /// <summary>Setting for demo-sleep: mean service time in milliseconds. Default 20.</summary>
    public const string ServiceTimeMs = "serviceTimeMs";

    /// <summary>Setting for demo-sleep: random jitter (+/- ms). Default 5.</summary>
    public const string JitterMs = "jitterMs";

    /// <summary>Setting for demo-sleep: share of iterations that fail, 0..1. Default 0.</summary>
    public const string FailRatio = "failRatio";

    /// <summary>Setting for demo-http: the URL to GET. Default http://localhost:8090/metrics (loadsim's own endpoint).</summary>
    public const string Url = "url";

    public static void Register(ScenarioCatalog catalog)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        catalog.Register("demo-sleep", "Waits a configurable service time (settings: serviceTimeMs, jitterMs, failRatio).", Sleep);
        catalog.Register("demo-http", "GETs a URL (setting: url) and reports status code and bytes.", Http);
    }

    public static ScenarioProps Sleep(IReadOnlyDictionary<string, string> settings)
    {
        var serviceTime = Number(settings, ServiceTimeMs, 20);
        var jitter = Number(settings, JitterMs, 5);
        var failRatio = Number(settings, FailRatio, 0);
        return Scenario.Create("demo-sleep", async ctx =>
        {
            var step = await Step.Run("sleep", ctx, async () =>
            {
                var ms = Math.Max(0, serviceTime + (((ctx.Random.NextDouble() * 2) - 1) * jitter));
                await Task.Delay(TimeSpan.FromMilliseconds(ms), ctx.Time, ctx.CancellationToken);
                return ctx.Random.NextDouble() < failRatio ? Response.Fail("simulated") : Response.Ok("ok", 128);
            });
            return step;
        }).WithSettings(settings);
    }

    public static ScenarioProps Http(IReadOnlyDictionary<string, string> settings)
    {
        var url = settings.TryGetValue(Url, out var configured) ? configured : "http://localhost:8090/metrics";
        HttpClient? client = null;
        return Scenario.Create("demo-http", async ctx =>
        {
            using var response = await client!.GetAsync(new Uri(url), ctx.CancellationToken);
            var body = await response.Content.ReadAsByteArrayAsync(ctx.CancellationToken);
            var code = ((int)response.StatusCode).ToString(CultureInfo.InvariantCulture);
            return response.IsSuccessStatusCode ? Response.Ok(code, body.Length) : Response.Fail(code, response.ReasonPhrase, body.Length);
        })
        .WithInit(_ =>
        {
            // One client per run: a client per iteration would exhaust sockets at high rates.
            client = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
            return Task.CompletedTask;
        })
        .WithClean(_ =>
        {
            client?.Dispose();
            return Task.CompletedTask;
        })
        .WithSettings(settings);
    }

    private static double Number(IReadOnlyDictionary<string, string> settings, string key, double fallback) =>
        settings.TryGetValue(key, out var text) && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) ? value : fallback;
}
