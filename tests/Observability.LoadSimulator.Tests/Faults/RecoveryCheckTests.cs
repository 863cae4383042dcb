using NATS.Client.JetStream;
using Observability.Contracts.Topology;
using Observability.LoadSimulator.Faults;
using Observability.LoadSimulator.Pipeline;
using Observability.LoadSimulator.Plugins;
using Observability.LoadSimulator.Scenarios;
using Observability.LoadSimulator.Scheduling;
using Observability.LoadSimulator.Simulations;
using Observability.LoadSimulator.Statistics;
using Observability.Messaging.Publishing;
using Observability.Testing;

namespace Observability.LoadSimulator.Tests.Faults;

/// <summary>
/// The recovery checks after a fault timeline, in short real-time runs against a real nats-server (a fake clock would
/// race ahead of the switch writes, which take real time).
/// </summary>
public sealed class RecoveryCheckTests(NatsServerFixture nats) : JetStreamTest(nats), IClassFixture<NatsServerFixture>
{
    [Theory]
    [InlineData(4, true)]
    [InlineData(45, false)]
    public async Task Lag_must_be_back_to_0_within_the_limit_after_the_last_fault_or_the_run_fails(double secondsToZero, bool passes)
    {
        var result = await RunAsync(lastEnd => [new(0, 0), new(lastEnd - 0.1, 40), new(lastEnd + 1, 12), new(lastEnd + secondsToZero, 0)], auditor: null);

        var recovery = result.Thresholds.Single(t => t.Name.Contains("lag back to 0 within 30 s of the last fault's end", StringComparison.Ordinal));
        Assert.Equal(passes, recovery.Passed);
        Assert.Contains($"recovered {secondsToZero:0.0} s after the last fault ended", recovery.Actual, StringComparison.Ordinal);
        Assert.Contains("lag peak 40", recovery.Actual, StringComparison.Ordinal);
        Assert.Equal(passes ? 0 : 1, result.ExitCode);
    }

    [Fact]
    public async Task Lag_that_never_returns_to_0_fails_the_run_with_the_last_lag_seen()
    {
        var result = await RunAsync(lastEnd => [new(lastEnd - 0.1, 40), new(lastEnd + 1, 12), new(lastEnd + 60, 3)], auditor: null);

        var recovery = result.Thresholds.Single(t => t.Name.Contains("lag back to 0", StringComparison.Ordinal));
        Assert.False(recovery.Passed);
        Assert.StartsWith("not recovered: lag 3 at", recovery.Actual, StringComparison.Ordinal);
        Assert.Equal(1, result.ExitCode);
    }

    [Fact]
    public async Task Without_a_lag_series_the_recovery_check_fails_and_says_what_is_missing()
    {
        var result = await RunAsync(lag: null, auditor: null);

        var recovery = result.Thresholds.Single(t => t.Name.Contains("lag back to 0", StringComparison.Ordinal));
        Assert.False(recovery.Passed);
        Assert.Contains("no series 'consumer lag order-summary'", recovery.Actual, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_delivery_audit_that_finds_an_order_lost_fails_the_run()
    {
        var runId = "rl-" + Guid.NewGuid().ToString("N")[..8];
        // A processor that acks an order and never writes its summary: the audit must call it lost.
        var publisher = new EventPublisher(Js, EventPublisherOptions.Default with { Source = "/loadsim-test" });
        var orderId = PipelineScenarios.OrderId(runId, "t", 1);
        await publisher.PublishAsync(OrderFactory.Create(orderId, new Random(1), DateTimeOffset.UtcNow), new PublishOptions { RunId = runId }, Token);
        await AckEverythingAsync();

        var result = await RunAsync(Recovering, new OperationsDeliveryAuditor(Nats.Url, TimeSpan.FromSeconds(5)), runId);

        var audit = result.Thresholds.Single(t => t.Name == "delivery audit: 0 lost, 0 doubled, 0 wrong");
        Assert.False(audit.Passed);
        Assert.StartsWith("1 orders: 1 lost, 0 doubled, 0 wrong", audit.Actual, StringComparison.Ordinal);
        Assert.Contains(orderId, audit.Actual, StringComparison.Ordinal);
        Assert.True(result.Thresholds.Single(t => t.Name.Contains("lag back to 0", StringComparison.Ordinal)).Passed);
        Assert.Equal(1, result.ExitCode);
    }

    [Fact]
    public async Task A_clean_delivery_audit_passes()
    {
        var result = await RunAsync(Recovering, new OperationsDeliveryAuditor(Nats.Url, TimeSpan.FromSeconds(5)));

        Assert.True(result.Thresholds.Single(t => t.Name.StartsWith("delivery audit", StringComparison.Ordinal)).Passed);
        Assert.Equal(0, result.ExitCode);
    }

    private static SeriesPoint[] Recovering(double lastEnd) => [new(lastEnd, 5), new(lastEnd + 2, 0)];

    private async Task<RunResult> RunAsync(Func<double, SeriesPoint[]>? lag, IDeliveryAuditor? auditor, string? runId = null)
    {
        var settings = FaultSettings.From(new Dictionary<string, string> { [SettingKeys.Nats] = Nats.Url });
        var timeline = new FaultTimelinePlugin(settings, "chaos", [FaultStepParser.Parse("exception 20% on order-summary at 300ms for 500ms")]);
        var scenario = Scenario.Empty("chaos").WithLoadSimulations(Simulation.Inject(5, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1.5)));
        var plugins = new List<IRunPlugin> { timeline };
        if (lag is not null)
        {
            plugins.Add(new LagSeries(timeline, lag));
        }

        plugins.Add(new RecoveryCheckPlugin(timeline, auditor));
        var runner = LoadRunner.RegisterScenarios(scenario)
            .WithOptions(RunOptions.Default with { RunId = runId ?? "rc-" + Guid.NewGuid().ToString("N")[..8] })
            .WithPlugins([.. plugins]);
        var result = await runner.RunAsync(Token);
        Assert.Equal(FaultWindowStatus.Done, Assert.Single(result.Faults).Status);
        return result;
    }

    private async Task AckEverythingAsync()
    {
        var consumer = await Js.GetConsumerAsync(Streams.Orders, Consumers.OrderSummary, Token);
        while (true)
        {
            var got = 0;
            await foreach (var message in consumer.FetchNoWaitAsync<byte[]>(new NatsJSFetchOpts { MaxMsgs = 100 }, cancellationToken: Token))
            {
                await message.AckAsync(cancellationToken: Token);
                got++;
            }

            if (got == 0)
            {
                return;
            }
        }
    }

    /// <summary>Stands in for the pipeline plugin's lag series, placed relative to the last fault's actual end.</summary>
    private sealed class LagSeries(FaultTimelinePlugin timeline, Func<double, SeriesPoint[]> points) : IRunPlugin
    {
        public string Name => "lag-series";

        public IReadOnlyList<PluginSeries> GetSeries() =>
            [new(LagRecovery.SeriesName(Consumers.OrderSummary), "{message}", points(timeline.Windows.Max(w => w.EndSeconds ?? 0)))];
    }
}
