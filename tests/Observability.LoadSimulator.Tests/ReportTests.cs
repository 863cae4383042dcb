using System.Globalization;
using Observability.LoadSimulator.Plugins;
using Observability.LoadSimulator.Reports;
using Observability.LoadSimulator.Scenarios;
using Observability.LoadSimulator.Scheduling;
using Observability.LoadSimulator.Simulations;
using Observability.LoadSimulator.Statistics;

namespace Observability.LoadSimulator.Tests;

public sealed class ReportTests() : TempFolderTest("loadsim-tests-")
{

    [Theory]
    [InlineData(87, 100, 20)]
    [InlineData(4.2, 5, 1)]
    [InlineData(26.23, 30, 10)]
    [InlineData(0.37, 0.4, 0.1)]
    [InlineData(12000, 15000, 5000)]
    public void Chart_axes_end_on_a_round_tick_with_at_most_five_steps(double max, double axisEnd, double step)
    {
        var (end, tick) = SvgChart.Axis(max);

        Assert.Equal(axisEnd, end, 9);
        Assert.Equal(step, tick, 9);
    }

    [Fact]
    public void A_warm_up_is_shaded_behind_the_lines()
    {
        var svg = SvgChart.Line("t", "iterations/s", [new ChartSeries("achieved", "#000", [(3, 10), (4, 10)])], warmUpSeconds: 2);

        Assert.Contains("<g class=\"warm-up\">", svg, StringComparison.Ordinal);
        Assert.True(svg.IndexOf("warm-up", StringComparison.Ordinal) < svg.IndexOf("<polyline", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_console_summary_fits_80_columns_without_splitting_a_number()
    {
        var result = await RunMixedAsync();
        using var writer = new StringWriter();
        var console = Spectre.Console.AnsiConsole.Create(new Spectre.Console.AnsiConsoleSettings
        {
            Ansi = Spectre.Console.AnsiSupport.No,
            Interactive = Spectre.Console.InteractionSupport.No,
            Out = new Spectre.Console.AnsiConsoleOutput(writer),
        });
        console.Profile.Width = 80;

        console.Write(SummaryTable.Build(result));

        var lines = writer.ToString().Split('\n');
        Assert.All(lines, line => Assert.True(line.TrimEnd().Length <= 80, line));
        foreach (var scenario in result.Scenarios)
        {
            // Every figure of the latency row is on one line, whole.
            var p99 = ConsoleTable.Short(scenario.Latency.P99Ms);
            var max = ConsoleTable.Short(scenario.Latency.MaxMs);
            Assert.Contains(lines, line => line.Contains(" " + p99 + " ", StringComparison.Ordinal) && line.Contains(" " + max + " ", StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task Reports_are_written_and_json_and_csv_parse_back_with_consistent_totals()
    {
        var result = await RunMixedAsync();

        var directory = await WriteReportsAsync(result);

        Assert.Equal(Path.Combine(Folder, "report-test"), directory);
        foreach (var file in new[] { ReportWriter.Summary, ReportWriter.Html, ReportWriter.Markdown, ReportWriter.Csv, ReportWriter.Json })
        {
            Assert.True(new FileInfo(Path.Combine(directory, file)).Length > 0, file);
        }

        var json = JsonReport.Parse(await File.ReadAllTextAsync(Path.Combine(directory, ReportWriter.Json)));
        Assert.Equal(result.RunId, json.RunId);
        Assert.Equal(result.Scenarios.Count, json.Scenarios.Count);
        var rows = ParseCsv(await File.ReadAllLinesAsync(Path.Combine(directory, ReportWriter.Csv)));
        foreach (var scenario in json.Scenarios)
        {
            var c = scenario.Counts;
            Assert.True(c.AddsUp, $"{scenario.Name}: {c}");
            var mine = rows.Where(r => r["scenario"] == scenario.Name).ToList();
            Assert.Equal(c.Intended, mine.Sum(r => long.Parse(r["intended"], CultureInfo.InvariantCulture)));
            Assert.Equal(c.Started, mine.Sum(r => long.Parse(r["started"], CultureInfo.InvariantCulture)));
            Assert.True(c.Ok + c.Fail == mine.Sum(r => long.Parse(r["completed"], CultureInfo.InvariantCulture)), scenario.Name + " " + System.Text.Json.JsonSerializer.Serialize(scenario.Counts) + string.Join("\n", mine.Select(r => string.Join(",", r.Values))));
            Assert.Equal(c.Fail, mine.Sum(r => long.Parse(r["failed"], CultureInfo.InvariantCulture)));
            Assert.Equal(c.Dropped, mine.Sum(r => long.Parse(r["dropped"], CultureInfo.InvariantCulture)));
            Assert.Equal(c.TimedOut, mine.Sum(r => long.Parse(r["timed_out"], CultureInfo.InvariantCulture)));
        }

        var sleepy = json.Scenarios.Single(s => s.Name == "sleepy");
        Assert.True(100 == sleepy.Counts.Ok, System.Text.Json.JsonSerializer.Serialize(sleepy.Counts) + System.Text.Json.JsonSerializer.Serialize(sleepy.WarmUpCounts) + string.Join(";", sleepy.StatusCodes));
        Assert.Equal(50, sleepy.ServiceTime.P50Ms, 0);
        Assert.Equal(["ok"], sleepy.StatusCodes.Keys);
        Assert.Equal("lag", Assert.Single(json.PluginSeries).Name);

        var html = await File.ReadAllTextAsync(Path.Combine(directory, ReportWriter.Html));
        Assert.Contains("<svg", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", html, StringComparison.Ordinal);
        Assert.DoesNotContain("http://cdn", html, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("lag", html, StringComparison.Ordinal);
        Assert.Contains("sleepy", await File.ReadAllTextAsync(Path.Combine(directory, ReportWriter.Summary)), StringComparison.Ordinal);
        Assert.Contains("## sleepy (open model)", await File.ReadAllTextAsync(Path.Combine(directory, ReportWriter.Markdown)), StringComparison.Ordinal);
    }

    private static async Task<RunResult> RunMixedAsync()
    {
        var time = FakeClock.Create();
        var sleepy = Scenario.Create("sleepy", async ctx =>
        {
            await Task.Delay(TimeSpan.FromMilliseconds(50), ctx.Time, ctx.CancellationToken);
            return Response.Ok(sizeBytes: 100);
        }).WithLoadSimulations(Simulation.Inject(20, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(5)));
        var flaky = Scenario.Create("flaky", async ctx =>
        {
            await Task.Delay(TimeSpan.FromMilliseconds(30), ctx.Time, ctx.CancellationToken);
            return ctx.InvocationNumber % 4 == 0 ? Response.Fail("500") : Response.Ok("200");
        }).WithLoadSimulations(Simulation.KeepConstant(2, TimeSpan.FromSeconds(3)));

        return await FakeClock.RunAsync(
            LoadRunner.RegisterScenarios(sleepy, flaky)
                .WithOptions(RunOptions.Default with { RunId = "report-test" })
                .WithPlugins(new LagPlugin()),
            time);
    }

    private static List<Dictionary<string, string>> ParseCsv(string[] lines)
    {
        var header = lines[0].Split(',');
        Assert.Equal(CsvReport.Header, lines[0]);
        return [.. lines.Skip(1).Where(l => l.Length > 0).Select(l => header.Zip(l.Split(',')).ToDictionary(p => p.First, p => p.Second))];
    }

    private sealed class LagPlugin : IRunPlugin
    {
        private readonly List<SeriesPoint> _points = [];

        public string Name => "lag";

        public Task OnIntervalAsync(double elapsedSeconds, IReadOnlyDictionary<string, IntervalStats> intervals, CancellationToken cancellationToken)
        {
            _points.Add(new SeriesPoint(elapsedSeconds, intervals["sleepy"].InFlight));
            return Task.CompletedTask;
        }

        public IReadOnlyList<PluginSeries> GetSeries() => [new PluginSeries("lag", "{message}", _points)];
    }
}
