using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using Observability.LoadSimulator.Faults;
using Observability.LoadSimulator.Plugins;
using Observability.LoadSimulator.Reports;
using Observability.LoadSimulator.Scenarios;
using Observability.LoadSimulator.Scheduling;
using Observability.LoadSimulator.Simulations;
using Observability.LoadSimulator.Statistics;

namespace Observability.LoadSimulator.Tests.Faults;

public sealed class FaultReportTests() : TempFolderTest("loadsim-faults-")
{

    [Fact]
    public async Task Every_report_shows_each_fault_with_its_window_and_the_html_charts_shade_it()
    {
        var result = await RunWithFaultsAsync();

        var directory = await WriteReportsAsync(result);

        var html = await File.ReadAllTextAsync(Path.Combine(directory, ReportWriter.Html));
        // One band per fault on each chart: throughput, latency and the plugin's lag chart.
        Assert.Equal(3 * 2, html.Split("<g class=\"fault-band\">").Length - 1);
        ContainsAll(html,
            "F1 exception",
            "F2 broker-restart",
            "fault windows (see Faults)",
            "<h2>Faults</h2>",
            "exception 20% on order-summary at 1s for 2s",
            "1.0-3.0 s (2.0 s)");
        Assert.DoesNotContain("<script", html, StringComparison.Ordinal);

        var markdown = await File.ReadAllTextAsync(Path.Combine(directory, ReportWriter.Markdown));
        ContainsAll(markdown,
            "## Faults",
            "| F1 | exception 20% on order-summary at 1s for 2s | 1-3 s | 1.0-3.0 s (2.0 s) | done | 7 | 1 | 0 -> 12 |",
            "| F2 | broker restart at 4s | at 4 s | 4.0-5.5 s (1.5 s) | done |",
            "**Recovery** (order-summary lag back to 0 within 30 s of the last fault's end): recovered 0.5 s after the last fault ended at 5.5 s - pass");
        Assert.Contains("<b>Recovery</b>", html, StringComparison.Ordinal);

        var summary = await File.ReadAllTextAsync(Path.Combine(directory, ReportWriter.Summary));
        ContainsAll(summary,
            "exception 20% on order-summary at 1s for 2s",
            "1.0-3.0 s (2.0 s)",
            "recovery recovered 0.5 s after the last fault ended at 5.5 s pass",
            "F2: broker restart at 4s - 'scripts/run-local.sh restart-broker' exit 0 after 1.5 s");

        var json = JsonReport.Parse(await File.ReadAllTextAsync(Path.Combine(directory, ReportWriter.Json)));
        Assert.Equal(result.Faults, json.Faults);
    }

    [Fact]
    public async Task Each_fault_window_is_posted_to_grafana_as_a_region_tagged_fault_its_kind_and_the_run()
    {
        using var handler = new CapturingHandler();
        using var http = new HttpClient(handler);
        var grafana = new GrafanaAnnotationsPlugin(http, new Uri("http://grafana:3000"), null, NullLogger.Instance);
        var start = new DateTimeOffset(2026, 1, 1, 0, 0, 1, TimeSpan.Zero);
        var window = Windows(start)[0];

        await grafana.AnnotateFaultAsync("chaos-1", window, CancellationToken.None);

        using var body = JsonDocument.Parse(Assert.Single(handler.Bodies));
        var root = body.RootElement;
        Assert.Equal(start.ToUnixTimeMilliseconds(), root.GetProperty("time").GetInt64());
        Assert.Equal(start.AddSeconds(2).ToUnixTimeMilliseconds(), root.GetProperty("timeEnd").GetInt64());
        Assert.Equal(["loadsim", "chaos-1", "fault", "exception"], root.GetProperty("tags").EnumerateArray().Select(t => t.GetString()));
        Assert.StartsWith("fault: exception 20% on order-summary at 1s for 2s (done, 2 s)", root.GetProperty("text").GetString(), StringComparison.Ordinal);
    }

    private static FaultWindow[] Windows(DateTimeOffset start) =>
    [
        new()
        {
            Step = "exception 20% on order-summary at 1s for 2s", Kind = "exception", SwitchId = "loadsim-r-chaos-0",
            PlannedStartSeconds = 1, PlannedEndSeconds = 3, StartSeconds = 1, EndSeconds = 3, StartedAt = start, EndedAt = start.AddSeconds(2),
            Status = FaultWindowStatus.Done, Redeliveries = 7, DeadLetters = 1, LagAtStart = 0, LagAtEnd = 12,
        },
        new()
        {
            Step = "broker restart at 4s", Kind = FaultStep.BrokerRestart, PlannedStartSeconds = 4, PlannedEndSeconds = 4,
            StartSeconds = 4, EndSeconds = 5.5, StartedAt = start.AddSeconds(3), EndedAt = start.AddSeconds(4.5),
            Status = FaultWindowStatus.Done, Detail = "'scripts/run-local.sh restart-broker' exit 0 after 1.5 s",
        },
    ];

    /// <summary>A run on the fake clock with a plugin that reports the fault windows and a lag series.</summary>
    private static Task<RunResult> RunWithFaultsAsync()
    {
        var scenario = Scenario.Empty("chaos").WithLoadSimulations(Simulation.Inject(10, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(6)));
        var runner = LoadRunner.RegisterScenarios(scenario)
            .WithOptions(RunOptions.Default with { RunId = "fault-report" })
            .WithPlugins(new ReportsFaults(Windows(DateTimeOffset.UnixEpoch)));
        return FakeClock.RunAsync(runner, FakeClock.Create());
    }

    private sealed class ReportsFaults(FaultWindow[] windows) : IRunPlugin
    {
        public string Name => "reports-faults";

        public IReadOnlyList<FaultWindow> GetFaultWindows() => windows;

        public IReadOnlyList<Thresholds.ThresholdResult> EvaluateThresholds(RunResult result) =>
            [new(null, "order-summary lag back to 0 within 30 s " + RecoveryCheckPlugin.RecoveryThresholdSuffix, true, "recovered 0.5 s after the last fault ended at 5.5 s")];

        public IReadOnlyList<PluginSeries> GetSeries() =>
            [new("consumer lag order-summary", "{message}", [new(0, 0), new(2, 12), new(4, 3), new(6, 0)])];
    }

    private sealed class CapturingHandler : HttpMessageHandler
    {
        public ConcurrentQueue<string> Bodies { get; } = new();

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Bodies.Enqueue(await request.Content!.ReadAsStringAsync(cancellationToken));
            return new HttpResponseMessage(HttpStatusCode.OK);
        }
    }

    private static void ContainsAll(string text, params string[] parts) =>
        Assert.All(parts, part => Assert.Contains(part, text, StringComparison.Ordinal));
}
