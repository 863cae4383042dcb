using NATS.Client.JetStream.Models;
using NATS.Net;
using Observability.Contracts.Topology;
using Observability.LoadSimulator.Pipeline;
using Observability.LoadSimulator.Scenarios;
using Observability.LoadSimulator.Scheduling;
using Observability.LoadSimulator.Simulations;
using Xunit.Abstractions;

namespace Observability.LoadSimulator.Tests.Pipeline;

/// <summary>
/// The pipeline scenarios against a real nats-server, the real processors and the real API (started from their
/// build output: build the solution first).
/// </summary>
public sealed class PipelineRunTests(ITestOutputHelper output) : PipelineProcessesTest(TimeSpan.FromSeconds(90))
{
    [Fact]
    public async Task Orders_over_http_and_publish_reach_the_read_side_with_freshness_measured_lag_drained_and_the_run_traceable_on_the_events()
    {
        var settings = new Dictionary<string, string>
        {
            [SettingKeys.Nats] = Pipeline.Nats.Url,
            [SettingKeys.Api] = Pipeline.ApiUrl,
            [SettingKeys.Processors] = Pipeline.ProcessorsUrl,
            [SettingKeys.SampleEvery] = "5",
            [SettingKeys.MaxDrainSeconds] = "20",
        };
        var publish = PipelineScenarios.OrdersPublish(settings);
        var http = PipelineScenarios.OrdersHttp(settings);
        var load = Simulation.Inject(50, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(3));
        const string runId = "pipeline-test";

        var result = await LoadRunner
            .RegisterScenarios(publish.Scenario.WithLoadSimulations(load), http.Scenario.WithLoadSimulations(load))
            .WithOptions(RunOptions.Default with { RunId = runId })
            .WithPlugins([.. publish.Plugins, .. http.Plugins])
            .RunAsync(Token);

        foreach (var line in result.Thresholds)
        {
            output.WriteLine($"{line.Scenario}: {line.Name}: {line.Actual} ({(line.Passed ? "pass" : "FAIL")})");
        }

        Assert.All(result.Scenarios, s =>
        {
            Assert.Equal(150, s.Counts.Ok);
            Assert.Equal(0, s.Counts.Fail + s.Counts.Dropped + s.Counts.TimedOut);
        });
        Assert.Equal(150, result.Scenarios.Single(s => s.Name == "orders-http").StatusCodes["201"]);
        Assert.All(result.Thresholds, t => Assert.True(t.Passed, $"{t.Scenario}: {t.Name}: {t.Actual}"));
        foreach (var plugin in publish.Plugins.Concat(http.Plugins).Cast<PipelinePlugin>())
        {
            Assert.True(plugin.Freshness.Count > 0);
            Assert.True(plugin.Freshness.P99Ms > 0);
            Assert.NotNull(plugin.DrainSeconds);
            Assert.Equal(1, plugin.Replicas);
        }

        Assert.Contains(result.PluginSeries, p => p.Name == "consumer lag order-summary" && p.Points.Count > 0);
        Assert.Contains(result.PluginSeries, p => p.Name == "freshness p99 order-summary" && p.Points.Count > 0);
        // The typed figures scripts read from report.json (scripts/bench-load.sh), one set per scenario.
        foreach (var scenario in result.Scenarios.Select(s => s.Name))
        {
            var figures = result.Figures.Where(f => f.Scenario == scenario).ToDictionary(f => f.Name, f => f.Value);
            Assert.True(figures["freshness_p99_ms"] > 0, scenario);
            Assert.NotNull(figures["drain_s"]);
            Assert.Equal(1, figures["replicas"]);
        }

        var reread = Observability.LoadSimulator.Reports.JsonReport.Parse(Observability.LoadSimulator.Reports.JsonReport.Build(result));
        Assert.Equal(result.Figures, reread.Figures);

        await using var client = Pipeline.Nats.CreateClient();
        var stream = await client.CreateJetStreamContext().GetStreamAsync(Streams.Orders, cancellationToken: Token);
        var published = await stream.GetAsync(new StreamMsgGetRequest { LastBySubj = Subjects.Order(PipelineScenarios.OrderId(runId, "p", 1)) }, Token);
        var headers = Headers(published.Message.Hdrs);
        Assert.Equal(runId, headers[MessageHeaders.LoadRunId]);

        // Over HTTP the run id travels as W3C baggage into the API, whose publisher stamps it on the event; the trace
        // the API continues is the one loadsim started, whose id follows from the order id.
        var httpOrder = PipelineScenarios.OrderId(runId, string.Empty, 1);
        var posted = Headers((await stream.GetAsync(new StreamMsgGetRequest { LastBySubj = Subjects.Order(httpOrder) }, Token)).Message.Hdrs);
        output.WriteLine("headers of an orders-http event: " + string.Join("; ", posted.Select(h => $"{h.Key}={h.Value}")));
        Assert.Equal(PipelineScenarios.TraceIdFor(httpOrder).ToHexString(), posted[MessageHeaders.TraceParent].Split('-')[1]);
        Assert.Equal(runId, posted[MessageHeaders.LoadRunId]);
    }

    /// <summary>Direct-get answers raw headers (base64 of "NATS/1.0\r\nName: value\r\n...").</summary>
    private static Dictionary<string, string> Headers(string? base64)
    {
        var text = System.Text.Encoding.UTF8.GetString(Convert.FromBase64String(base64 ?? string.Empty));
        return text.Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Skip(1)
            .Select(l => l.Split(':', 2))
            .Where(p => p.Length == 2)
            .ToDictionary(p => p[0].Trim(), p => p[1].Trim(), StringComparer.OrdinalIgnoreCase);
    }
}
