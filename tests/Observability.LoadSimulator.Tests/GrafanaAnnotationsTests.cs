using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using Observability.LoadSimulator.Plugins;
using Observability.LoadSimulator.Scenarios;
using Observability.LoadSimulator.Scheduling;
using Observability.LoadSimulator.Simulations;

namespace Observability.LoadSimulator.Tests;

public sealed class GrafanaAnnotationsTests
{
    [Fact]
    public async Task Annotations_are_posted_at_start_each_phase_and_end_with_loadsim_run_and_scenario_tags()
    {
        using var handler = new RecordingHandler(HttpStatusCode.OK);
        using var http = new HttpClient(handler);
        var plugin = new GrafanaAnnotationsPlugin(http, new Uri("http://grafana:3000"), new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", "secret"), NullLogger.Instance);
        var scenario = Scenario.Empty("annotated").WithLoadSimulations(
            Simulation.Inject(5, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1)),
            Simulation.Pause(TimeSpan.FromSeconds(1)));

        await FakeClock.RunAsync(LoadRunner.RegisterScenarios(scenario).WithOptions(RunOptions.Default with { RunId = "g1" }).WithPlugins(plugin), FakeClock.Create());

        var posts = handler.Requests.ToList();
        Assert.Equal(4, posts.Count);
        Assert.All(posts, p =>
        {
            Assert.Equal("http://grafana:3000/api/annotations", p.Url);
            Assert.Equal("Bearer secret", p.Authorization);
            Assert.Contains("loadsim", p.Tags);
            Assert.Contains("g1", p.Tags);
            Assert.Contains("annotated", p.Tags);
        });
        Assert.Equal(2, posts.Count(p => p.Tags.Contains("phase")));
    }

    [Fact]
    public async Task A_grafana_that_is_down_never_fails_the_run()
    {
        using var handler = new RecordingHandler(null);
        using var http = new HttpClient(handler);
        var plugin = new GrafanaAnnotationsPlugin(http, new Uri("http://grafana:3000"), null, NullLogger.Instance);
        var scenario = Scenario.Empty("s").WithLoadSimulations(Simulation.Inject(5, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1)));

        var result = await FakeClock.RunAsync(LoadRunner.RegisterScenarios(scenario).WithPlugins(plugin), FakeClock.Create());

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(5, result.Scenarios[0].Counts.Ok);
    }

    private sealed record Posted(string Url, string? Authorization, string[] Tags);

    private sealed class RecordingHandler(HttpStatusCode? status) : HttpMessageHandler
    {
        public ConcurrentQueue<Posted> Requests { get; } = new();

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            if (status is null)
            {
                throw new HttpRequestException("connection refused");
            }

            using var body = JsonDocument.Parse(await request.Content!.ReadAsStringAsync(cancellationToken));
            var tags = body.RootElement.GetProperty("tags").EnumerateArray().Select(t => t.GetString()!).ToArray();
            Requests.Enqueue(new Posted(request.RequestUri!.ToString(), request.Headers.Authorization?.ToString(), tags));
            return new HttpResponseMessage(status.Value);
        }
    }
}
