using System.Diagnostics;
using System.Globalization;
using Observability.LoadSimulator.Scenarios.Demo;
using Observability.LoadSimulator.Scheduling;
using Observability.LoadSimulator.Simulations;

namespace Observability.LoadSimulator.Accuracy;

/// <summary>
/// How much latency and CPU the generator adds of its own: demo-http at a fixed rate against a static target,
/// after a warm-up, and hey on the same target at the same rate when it is installed.
/// </summary>
public static class HttpAccuracy
{
    public static async Task<IReadOnlyList<HttpFigures>> MeasureAsync(Uri url, double rate, TimeSpan warmUp, TimeSpan duration, int connections, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(url);
        var settings = new Dictionary<string, string>
        {
            [DemoScenarios.Url] = url.ToString(),
            [DemoScenarios.Connections] = connections.ToString(CultureInfo.InvariantCulture),
        };
        var scenario = DemoScenarios.Http(settings)
            .WithWarmUpDuration(warmUp)
            .WithLoadSimulations(Simulation.Inject(rate, TimeSpan.FromSeconds(1), duration));
        var runner = LoadRunner.RegisterScenarios(scenario).WithOptions(RunOptions.Default with { RunId = "accuracy-http", GracePeriod = TimeSpan.FromSeconds(10) });
        var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        var result = await runner.RunAsync(cancellationToken);
        var cpu = (Process.GetCurrentProcess().TotalProcessorTime - cpuBefore).TotalSeconds;
        var s = result.Scenarios[0];
        if (s.Counts.Fail + s.Counts.TimedOut > 0)
        {
            throw new InvalidLoadSimulationException($"demo-http against {url} failed {s.Counts.Fail + s.Counts.TimedOut} of {s.Counts.Started} requests ({string.Join(", ", s.StatusCodes.Select(c => $"{c.Key}: {c.Value}"))}).");
        }

        var figures = new List<HttpFigures>
        {
            new("loadsim", s.Rps, s.Latency.P50Ms, s.Latency.P95Ms, s.Latency.P99Ms, cpu),
        };
        if (await HeyRun.MeasureAsync(url, rate, warmUp, duration, cancellationToken) is { } hey)
        {
            figures.Add(hey);
        }

        return figures;
    }
}
