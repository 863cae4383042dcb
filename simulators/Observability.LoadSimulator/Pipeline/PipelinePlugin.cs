using Observability.Contracts.Topology;
using Observability.LoadSimulator.Plugins;
using Observability.LoadSimulator.Simulations;
using Observability.LoadSimulator.Statistics;
using Observability.LoadSimulator.Thresholds;

namespace Observability.LoadSimulator.Pipeline;

/// <summary>
/// Watches the read side of a pipeline run, on the run's clock: consumer lag of the processor's durable
/// (<see cref="LagSampler"/>), end-to-end freshness for a sample of orders (<see cref="FreshnessProbe"/>), time
/// to drain after the load, and for find-knee the highest rate whose step the consumer sustained
/// (<see cref="KneeJudge"/>). <see cref="PipelineVerdicts"/> turns what they saw into thresholds, figures and rows.
/// </summary>
public sealed class PipelinePlugin : IRunPlugin
{
    private readonly PipelineSettings _settings;
    private readonly string _scenario;
    private readonly string _consumer;
    private readonly LagSampler _lag;
    private readonly FreshnessProbe _freshness = new();
    private readonly KneeJudge? _knee;
    private readonly CancellationTokenSource _stop = new();
    private readonly CancellationTokenSource _kneeReached = new();
    private ProbeConnection? _connection;
    private Task? _sampler;
    private int _rebased;
    private DrainOutcome _drain = new(null, 0);

    public PipelinePlugin(PipelineSettings settings, string scenario, string stream, string consumer, bool findKnee = false)
    {
        ArgumentNullException.ThrowIfNull(settings);
        _settings = settings;
        _scenario = scenario;
        _consumer = consumer;
        Stream = stream;
        _lag = new LagSampler(stream, consumer);
        _knee = findKnee ? new KneeJudge(_lag, settings.KneeMaxP99Ms) : null;
    }

    public string Name => $"pipeline({_scenario})";

    /// <summary>Cancelled once find-knee has seen a step the pipeline could not sustain: the scenario's load then ends.</summary>
    public CancellationToken KneeReached => _kneeReached.Token;

    public LatencyStats Freshness => _freshness.Snapshot();

    public double LagPeak => _lag.Peak;

    /// <summary>Seconds from the load's end until lag was 0; null when it did not drain within the wait.</summary>
    public double? DrainSeconds => _drain.Seconds;

    public double? KneeRate => _knee?.Rate;

    public int? Replicas { get; private set; }

    internal string Stream { get; }

    internal bool MeasuresFreshness => Stream == Streams.Orders;

    public async Task StartAsync(RunStartInfo run, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(run);
        _connection = await ProbeConnection.ConnectAsync(_settings.NatsUrl);
        _freshness.Start(_connection, run.Time, _stop.Token);
        Replicas = _settings.ConfiguredReplicas;
        if (Replicas is null && _settings.ProcessorsMetricsUrls.Count > 0)
        {
            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
            Replicas = await ReplicaCounter.CountAsync(http, _settings.ProcessorsMetricsUrls, probesPerUrl: 6, cancellationToken);
        }

        _sampler = _lag.StartAsync(_connection.Js, run.Time, _stop.Token);
    }

    /// <summary>Measures the freshness of one stored order in the background (a sample of them; see <see cref="FreshnessProbe"/>).</summary>
    /// <param name="sentTimestamp">When it was sent, from the run's <see cref="TimeProvider.GetTimestamp"/>.</param>
    public void TrackFreshness(string orderId, ulong sequence, long sentTimestamp) => _freshness.Track(orderId, sequence, sentTimestamp);

    public Task OnPhaseAsync(PhaseChange phase, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(phase);
        if (Interlocked.Exchange(ref _rebased, 1) == 0)
        {
            _lag.RebaseOnRunStart(phase.ElapsedSeconds);
        }

        if (_knee is null || phase.IsWarmUp || phase.Scenario != _scenario || phase.Simulation.Kind == LoadSimulationKind.Pause)
        {
            return Task.CompletedTask;
        }

        // Cancelling stops the scenario's injector synchronously.
        return _knee.OnStep(phase.ElapsedSeconds, phase.Simulation.Rate / phase.Simulation.Interval.TotalSeconds)
            ? _kneeReached.CancelAsync()
            : Task.CompletedTask;
    }

    public Task OnIntervalAsync(double elapsedSeconds, IReadOnlyDictionary<string, IntervalStats> intervals, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(intervals);
        _freshness.CloseInterval(elapsedSeconds);
        if (_knee is not null && intervals.TryGetValue(_scenario, out var interval) && interval.Completed > 0)
        {
            _knee.OnInterval(elapsedSeconds, interval.LatencyP99Ms);
        }

        return Task.CompletedTask;
    }

    public async Task StopAsync(RunResult result, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(result);
        _knee?.Finish(result.DurationSeconds);
        // The load is over; wait (bounded) for the processors to catch up, sampling as we go.
        var (drained, waited) = await _lag.WaitUntilDrainedAsync(TimeSpan.FromSeconds(Math.Max(60, _settings.MaxDrainSeconds)), cancellationToken);
        _drain = new DrainOutcome(drained, waited);
        await _freshness.SettleAsync(cancellationToken);
        await _stop.CancelAsync();
        if (_sampler is not null)
        {
            await _sampler.ContinueWith(static _ => { }, TaskScheduler.Default);
        }

        if (_connection is not null)
        {
            await _connection.DisposeAsync();
        }

        _stop.Dispose();
    }

    public IReadOnlyList<PluginSeries> GetSeries() =>
        [new($"consumer lag {_consumer}", "{message}", _lag.Points()), .. _freshness.Series(_consumer), .. _knee is null ? [] : new[] { _knee.Series() }];

    public IReadOnlyList<ThresholdResult> EvaluateThresholds(RunResult result) => Verdicts().Thresholds();

    public IReadOnlyList<RunFigure> GetFigures() => Verdicts().Figures();

    public IReadOnlyList<KeyValuePair<string, string>> GetLiveRows() => Verdicts().LiveRows();

    private PipelineVerdicts Verdicts() => new(this, _settings, _scenario, _consumer, _lag, _freshness, _knee, _drain);
}
