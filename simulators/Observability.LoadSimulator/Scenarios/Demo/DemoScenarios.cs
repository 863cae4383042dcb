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

    /// <summary>
    /// Setting for demo-http: the most connections to the target. Default 64. Unbounded, a burst at the start (every
    /// request while the first connects are slow) opens thousands, and the generator then spends its CPU on them.
    /// </summary>
    public const string Connections = "connections";

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
        var url = new Uri(settings.TryGetValue(Url, out var configured) ? configured : "http://localhost:8090/metrics");
        var connections = (int)Number(settings, Connections, 64);
        HttpMessageInvoker? client = null;
        return Scenario.Create("demo-http", async ctx =>
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, url);
            using var response = await client!.SendAsync(request, ctx.CancellationToken);
            var bytes = await HttpBody.DrainAsync(response.Content, ctx.CancellationToken);
            var code = ((int)response.StatusCode).ToString(CultureInfo.InvariantCulture);
            return response.IsSuccessStatusCode ? Response.Ok(code, bytes) : Response.Fail(code, response.ReasonPhrase, bytes);
        })
        .WithInit(_ =>
        {
            // One client per run: a client per iteration would exhaust sockets at high rates.
            client = HttpBody.LoadClient(connections);
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
