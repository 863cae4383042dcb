using System.Diagnostics;
using System.Globalization;
using NATS.Client.Core;
using NATS.Client.JetStream;
using NATS.Client.KeyValueStore;
using NATS.Net;
using Observability.Contracts.Events;
using Observability.Contracts.Topology;
using Observability.LoadSimulator.Plugins;
using Observability.LoadSimulator.Simulations;
using Observability.LoadSimulator.Statistics;
using Observability.LoadSimulator.Thresholds;

namespace Observability.LoadSimulator.Pipeline;

/// <summary>
/// Watches the read side of a pipeline run: consumer lag (NumPending + NumAckPending of the processor's durable)
/// sampled twice a second, end-to-end freshness for a sample of orders (send -> order summary visible in KV with
/// LastAppliedSequence >= the event's sequence), time to drain after the load, and for find-knee the highest rate
/// whose step the consumer sustained.
/// </summary>
public sealed class PipelinePlugin : IRunPlugin
{
    private const int MaxOutstandingProbes = 200;

    /// <summary>At most this many freshness samples start per second: enough for percentiles, and the probe stays light.</summary>
    private const int MaxSamplesPerSecond = 20;
    private static readonly long SampleGap = Stopwatch.Frequency / MaxSamplesPerSecond;
    private static readonly TimeSpan LagPeriod = TimeSpan.FromMilliseconds(500);
    private static readonly TimeSpan FreshnessGiveUp = TimeSpan.FromSeconds(60);

    private readonly PipelineSettings _settings;
    private readonly string _scenario;
    private readonly string _stream;
    private readonly string _consumer;
    private readonly bool _findKnee;
    private readonly Lock _gate = new();
    private readonly LatencyRecorder _freshness = new();
    private readonly LatencyRecorder _freshnessInterval = new(2);
    private readonly List<SeriesPoint> _lag = [];
    private readonly List<SeriesPoint> _freshP50 = [];
    private readonly List<SeriesPoint> _freshP95 = [];
    private readonly List<SeriesPoint> _freshP99 = [];
    private readonly List<SeriesPoint> _intervalP99 = [];
    private readonly List<(double Start, double Rate)> _steps = [];
    private readonly List<SeriesPoint> _kneeSteps = [];
    private readonly CancellationTokenSource _stop = new();
    private readonly CancellationTokenSource _kneeReached = new();
    private NatsClient? _nats;
    private INatsJSContext? _js;
    private INatsKVStore? _summaries;
    private Task? _sampler;
    private long _startTimestamp;
    private int _outstanding;
    private long _skippedProbes;
    private long _lastSample;
    private double _lastLag = double.NaN;
    private double _lagPeak;
    private bool _lagSeen;
    private int _rebased;
    private double? _drainSeconds;
    private double _drainWaited;
    private int? _replicas;
    private volatile bool _pastKnee;
    private double? _kneeRate;
    private string _kneeReason = "not judged";

    public PipelinePlugin(PipelineSettings settings, string scenario, string stream, string consumer, bool findKnee = false)
    {
        _settings = settings;
        _scenario = scenario;
        _stream = stream;
        _consumer = consumer;
        _findKnee = findKnee;
    }

    public string Name => $"pipeline({_scenario})";

    /// <summary>Cancelled once find-knee has seen a step the pipeline could not sustain: the scenario's load then ends.</summary>
    public CancellationToken KneeReached => _kneeReached.Token;

    public LatencyStats Freshness => _freshness.Snapshot();

    public double LagPeak => _lagPeak;

    /// <summary>Seconds from the load's end until lag was 0; null when it did not drain within the wait.</summary>
    public double? DrainSeconds => _drainSeconds;

    public double? KneeRate => _kneeRate;

    public int? Replicas => _replicas;

    public async Task StartAsync(RunStartInfo run, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(run);
        _startTimestamp = Stopwatch.GetTimestamp();
        _nats = new NatsClient(new NatsOpts { Url = _settings.NatsUrl, Name = "loadsim-probe" });
        await _nats.ConnectAsync();
        _js = _nats.CreateJetStreamContext();
        _replicas = _settings.ConfiguredReplicas;
        if (_replicas is null && _settings.ProcessorsMetricsUrls.Count > 0)
        {
            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
            _replicas = await ReplicaCounter.CountAsync(http, _settings.ProcessorsMetricsUrls, probesPerUrl: 6, cancellationToken);
        }

        _sampler = SampleLagAsync(_stop.Token);
    }

    /// <summary>
    /// Measures freshness of one stored order in the background: polls its summary (single-key gets: a multi-key
    /// watch fails on nats-server 2.9) until it has applied <paramref name="sequence"/>. At most 20 samples a second,
    /// and skipped when too many probes are already waiting, so the probe never becomes the load.
    /// </summary>
    public void TrackFreshness(string orderId, ulong sequence, long sentTimestamp)
    {
        if (_nats is null)
        {
            // StartAsync failed (broker unreachable): the run goes on without freshness.
            return;
        }

        var last = Interlocked.Read(ref _lastSample);
        if (sentTimestamp - last < SampleGap || Interlocked.CompareExchange(ref _lastSample, sentTimestamp, last) != last)
        {
            return;
        }

        if (Interlocked.Increment(ref _outstanding) > MaxOutstandingProbes)
        {
            Interlocked.Decrement(ref _outstanding);
            Interlocked.Increment(ref _skippedProbes);
            return;
        }

        _ = ProbeAsync(orderId, sequence, sentTimestamp, _stop.Token);
    }

    public Task OnPhaseAsync(PhaseChange phase, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(phase);
        if (Interlocked.Exchange(ref _rebased, 1) == 0)
        {
            RebaseOnRunStart(phase.ElapsedSeconds);
        }

        if (!_findKnee || phase.IsWarmUp || phase.Scenario != _scenario || phase.Simulation.Kind == LoadSimulationKind.Pause)
        {
            return Task.CompletedTask;
        }

        lock (_gate)
        {
            if (_steps.Count > 0)
            {
                JudgeStep(_steps.Count - 1, phase.ElapsedSeconds);
            }

            _steps.Add((phase.ElapsedSeconds, phase.Simulation.Rate / phase.Simulation.Interval.TotalSeconds));
        }

        // Outside the gate: cancelling stops the scenario's injector synchronously.
        return _pastKnee ? _kneeReached.CancelAsync() : Task.CompletedTask;
    }

    public Task OnIntervalAsync(double elapsedSeconds, IReadOnlyDictionary<string, IntervalStats> intervals, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(intervals);
        var fresh = _freshnessInterval.SnapshotAndReset();
        lock (_gate)
        {
            if (fresh.Count > 0)
            {
                _freshP50.Add(new SeriesPoint(elapsedSeconds, fresh.P50Ms));
                _freshP95.Add(new SeriesPoint(elapsedSeconds, fresh.P95Ms));
                _freshP99.Add(new SeriesPoint(elapsedSeconds, fresh.P99Ms));
            }

            if (intervals.TryGetValue(_scenario, out var interval) && interval.Completed > 0)
            {
                _intervalP99.Add(new SeriesPoint(elapsedSeconds, interval.LatencyP99Ms));
            }
        }

        return Task.CompletedTask;
    }

    public async Task StopAsync(RunResult result, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(result);
        lock (_gate)
        {
            if (_findKnee && _steps.Count > 0 && !_pastKnee)
            {
                JudgeStep(_steps.Count - 1, result.DurationSeconds);
                if (!_pastKnee)
                {
                    _kneeReason = Invariant($"every step was sustained: the knee is above {_kneeRate:0}/s");
                }
            }
        }

        // Drain: the load is over; wait (bounded) for the processors to catch up, sampling as we go.
        var wait = TimeSpan.FromSeconds(Math.Max(60, _settings.MaxDrainSeconds));
        var drainStart = Stopwatch.GetTimestamp();
        while (_js is not null && Stopwatch.GetElapsedTime(drainStart) < wait && !cancellationToken.IsCancellationRequested)
        {
            if (await ReadLagAsync(cancellationToken) is 0)
            {
                _drainSeconds = Stopwatch.GetElapsedTime(drainStart).TotalSeconds;
                break;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(100), cancellationToken);
        }

        _drainWaited = Stopwatch.GetElapsedTime(drainStart).TotalSeconds;

        // Let the freshness probes in flight finish (they end as soon as their order is visible).
        var probesDeadline = Stopwatch.GetTimestamp();
        while (Volatile.Read(ref _outstanding) > 0 && Stopwatch.GetElapsedTime(probesDeadline) < TimeSpan.FromSeconds(10))
        {
            await Task.Delay(TimeSpan.FromMilliseconds(50), cancellationToken);
        }

        await _stop.CancelAsync();
        if (_sampler is not null)
        {
            await _sampler.ContinueWith(static _ => { }, TaskScheduler.Default);
        }

        if (_nats is not null)
        {
            await _nats.DisposeAsync();
        }

        _stop.Dispose();
    }

    public IReadOnlyList<PluginSeries> GetSeries()
    {
        lock (_gate)
        {
            var series = new List<PluginSeries> { new($"consumer lag {_consumer}", "{message}", [.. _lag]) };
            if (_freshP99.Count > 0)
            {
                series.Add(new PluginSeries($"freshness p50 {_consumer}", "ms", [.. _freshP50]));
                series.Add(new PluginSeries($"freshness p95 {_consumer}", "ms", [.. _freshP95]));
                series.Add(new PluginSeries($"freshness p99 {_consumer}", "ms", [.. _freshP99]));
            }

            if (_findKnee)
            {
                series.Add(new PluginSeries("find-knee sustained step rate (0 = not sustained)", "{message}/s", [.. _kneeSteps]));
            }

            return series;
        }
    }

    public IReadOnlyList<ThresholdResult> EvaluateThresholds(RunResult result)
    {
        var thresholds = new List<ThresholdResult>();
        var drainName = $"{_consumer} lag drained within {_settings.MaxDrainSeconds.ToString("0.#", CultureInfo.InvariantCulture)} s";
        thresholds.Add(!_lagSeen
            ? new ThresholdResult(_scenario, drainName, false, $"consumer {_stream}/{_consumer} not readable")
            : _drainSeconds is { } drain
                ? new ThresholdResult(_scenario, drainName, drain <= _settings.MaxDrainSeconds, Invariant($"{drain:0.0} s (lag peak {_lagPeak:0})"))
                : new ThresholdResult(_scenario, drainName, false, Invariant($"not drained after {_drainWaited:0} s (lag {_lastLag:0}, peak {_lagPeak:0})")));

        if (_stream == Streams.Orders)
        {
            var fresh = Freshness;
            var skipped = Interlocked.Read(ref _skippedProbes);
            thresholds.Add(new ThresholdResult(_scenario, $"freshness measured (1 in {_settings.SampleEvery} orders)", fresh.Count > 0,
                Invariant($"p50 {fresh.P50Ms:0.0} / p95 {fresh.P95Ms:0.0} / p99 {fresh.P99Ms:0.0} / max {fresh.MaxMs:0.0} ms, n={fresh.Count}{(skipped > 0 ? $", {skipped} skipped" : string.Empty)}")));
        }

        if (_findKnee)
        {
            thresholds.Add(new ThresholdResult(_scenario, "find-knee: highest sustainable rate", _kneeRate is not null,
                Invariant($"knee {_kneeRate ?? 0:0}/s, replicas {ReplicaCounter.Describe(_replicas, _settings.ConfiguredReplicas is not null)}; {_kneeReason}")));
        }

        return thresholds;
    }

    public IReadOnlyList<KeyValuePair<string, string>> GetLiveRows()
    {
        var fresh = _freshness.Snapshot();
        var rows = new List<KeyValuePair<string, string>>
        {
            new($"lag {_consumer}", double.IsNaN(_lastLag) ? "-" : Invariant($"{_lastLag:0} (peak {_lagPeak:0})")),
        };
        if (_stream == Streams.Orders)
        {
            rows.Add(new("freshness", fresh.Count == 0 ? "-" : Invariant($"p50 {fresh.P50Ms:0.0} p99 {fresh.P99Ms:0.0} ms (n={fresh.Count})")));
        }

        if (_findKnee)
        {
            rows.Add(new("knee", _pastKnee ? Invariant($"{_kneeRate ?? 0:0}/s ({_kneeReason})") : "searching"));
        }

        return rows;
    }

    /// <summary>
    /// The series count from the run start (the intervals' and fault windows' time base), not from this plugin's
    /// start, which comes earlier by the connect and the replica count: shift what was sampled before.
    /// </summary>
    private void RebaseOnRunStart(double runElapsedSeconds)
    {
        lock (_gate)
        {
            var shift = Elapsed - runElapsedSeconds;
            _startTimestamp += (long)(shift * Stopwatch.Frequency);
            for (var i = 0; i < _lag.Count; i++)
            {
                _lag[i] = _lag[i] with { Seconds = Math.Max(0, _lag[i].Seconds - shift) };
            }
        }
    }

    /// <summary>Caller holds the gate. Judges step <paramref name="index"/>, which ended at <paramref name="end"/>.</summary>
    private void JudgeStep(int index, double end)
    {
        if (_pastKnee)
        {
            return;
        }

        var (start, rate) = _steps[index];
        var lag = _lag.Where(p => p.Seconds >= start && p.Seconds <= end).Select(p => p.Value).ToList();
        // The first interval of a step still carries the previous step's tail: judge latency from the second on.
        var p99 = _intervalP99.Where(p => p.Seconds > start + 1 && p.Seconds <= end + 0.5).Select(p => p.Value).DefaultIfEmpty(0).Max();
        var verdict = KneeFinder.Judge(new KneeStep(rate, lag, p99), _settings.KneeMaxP99Ms);
        _kneeSteps.Add(new SeriesPoint(end, verdict.Sustainable ? rate : 0));
        if (verdict.Sustainable)
        {
            _kneeRate = rate;
            _kneeReason = "last step sustained: " + verdict.Reason;
            return;
        }

        _pastKnee = true;
        _kneeReason = Invariant($"{rate:0}/s was not sustained: {verdict.Reason}");
    }

    private async Task SampleLagAsync(CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(LagPeriod);
        try
        {
            do
            {
                await ReadLagAsync(cancellationToken);
            }
            while (await timer.WaitForNextTickAsync(cancellationToken));
        }
        catch (OperationCanceledException)
        {
        }
    }

    private async Task<double?> ReadLagAsync(CancellationToken cancellationToken)
    {
        if (_js is null)
        {
            return null;
        }

        try
        {
            var consumer = await _js.GetConsumerAsync(_stream, _consumer, cancellationToken);
            var lag = consumer.Info.NumPending + (double)Math.Max(0, consumer.Info.NumAckPending);
            lock (_gate)
            {
                _lag.Add(new SeriesPoint(Elapsed, lag));
                _lastLag = lag;
                _lagPeak = Math.Max(_lagPeak, lag);
                _lagSeen = true;
            }

            return lag;
        }
        catch (NatsJSApiException)
        {
            // The processors have not created their durable yet: no sample.
            return null;
        }
        catch (Exception ex) when (ex is NatsException or TimeoutException && !cancellationToken.IsCancellationRequested)
        {
            return null;
        }
    }

    private async Task ProbeAsync(string orderId, ulong sequence, long sentTimestamp, CancellationToken cancellationToken)
    {
        try
        {
            _summaries ??= await _nats!.CreateKeyValueStoreContext().GetStoreAsync(Buckets.OrderSummaries, cancellationToken);
            while (!cancellationToken.IsCancellationRequested)
            {
                var waited = Stopwatch.GetElapsedTime(sentTimestamp);
                var entry = await _summaries.TryGetEntryAsync<byte[]>(orderId, cancellationToken: cancellationToken);
                if (entry.Success && entry.Value.Value is { Length: > 0 } json
                    && System.Text.Json.JsonSerializer.Deserialize(json, KitJson.Default.OrderSummary) is { } summary
                    && summary.LastAppliedSequence >= sequence)
                {
                    var freshness = Stopwatch.GetElapsedTime(sentTimestamp);
                    _freshness.Record(freshness);
                    _freshnessInterval.Record(freshness);
                    return;
                }

                if (waited > FreshnessGiveUp)
                {
                    return;
                }

                // Poll faster while it is fresh, slower as it ages: <= 10 % error (100 ms at most), bounded load on the server.
                var pause = TimeSpan.FromMilliseconds(Math.Clamp(waited.TotalMilliseconds / 10, 2, 100));
                await Task.Delay(pause, cancellationToken);
            }
        }
        catch (OperationCanceledException)
        {
        }
        catch (Exception ex) when (ex is NatsException or System.Text.Json.JsonException or TimeoutException)
        {
            // A probe that cannot read is a missing sample, never a failed run.
            Interlocked.Increment(ref _skippedProbes);
        }
        finally
        {
            Interlocked.Decrement(ref _outstanding);
        }
    }

    private double Elapsed => Stopwatch.GetElapsedTime(_startTimestamp).TotalSeconds;

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
