using System.Collections.Concurrent;
using Observability.LoadSimulator.Scenarios;

namespace Observability.LoadSimulator.Statistics;

/// <summary>All measurements of one scenario; warm-up iterations only touch <see cref="WarmUp"/>.</summary>
internal sealed class ScenarioStatsCollector : IStepRecorder
{
    private readonly LatencyRecorder _latency = new();
    private readonly LatencyRecorder _service = new();
    // Two significant digits keep the per-interval histogram small; it only feeds p50/p99 of the series.
    private readonly LatencyRecorder _intervalLatency = new(2);
    private readonly ConcurrentDictionary<string, long> _statusCodes = new();
    private readonly ConcurrentDictionary<string, StepCollector> _steps = new();
    private readonly List<IntervalStats> _intervals = [];
    private IterationCounts _lastCounts = new();

    public CounterSet Measured { get; } = new();

    public CounterSet WarmUp { get; } = new();

    public CounterSet For(bool isWarmUp) => isWarmUp ? WarmUp : Measured;

    public void RecordCompletion(Response response, TimeSpan latency, TimeSpan serviceTime, bool isWarmUp)
    {
        For(isWarmUp).Completed(response.IsError, response.SizeBytes);
        if (isWarmUp)
        {
            return;
        }

        _statusCodes.AddOrUpdate(response.StatusCode, 1, static (_, n) => n + 1);
        _latency.Record(latency);
        _service.Record(serviceTime);
        _intervalLatency.Record(latency);
    }

    public void RecordStep(string name, Response response, TimeSpan serviceTime, TimeSpan startDelay, bool isWarmUp)
    {
        if (!isWarmUp)
        {
            _steps.GetOrAdd(name, static n => new StepCollector(n)).Record(response, serviceTime, startDelay);
        }
    }

    /// <summary>Closes one reporting interval: the counters' deltas since the previous call.</summary>
    public IntervalStats CloseInterval(TimeSpan from, TimeSpan to, double targetRate, long inFlight, int copies)
    {
        var counts = Measured.Snapshot();
        var latency = _intervalLatency.SnapshotAndReset();
        var seconds = (to - from).TotalSeconds;
        IntervalStats interval;
        lock (_intervals)
        {
            var last = _lastCounts;
            _lastCounts = counts;
            var started = counts.Started - last.Started;
            interval = new IntervalStats
            {
                StartSeconds = from.TotalSeconds,
                EndSeconds = to.TotalSeconds,
                Intended = counts.Intended - last.Intended,
                Started = started,
                Completed = counts.Ok + counts.Fail - last.Ok - last.Fail,
                Failed = counts.Fail - last.Fail,
                Dropped = counts.Dropped - last.Dropped,
                TimedOut = counts.TimedOut - last.TimedOut,
                TargetRate = targetRate,
                AchievedRate = seconds > 1e-6 ? started / seconds : 0,
                LatencyP50Ms = latency.P50Ms,
                LatencyP99Ms = latency.P99Ms,
                InFlight = inFlight,
                Copies = copies,
            };
            _intervals.Add(interval);
        }

        return interval;
    }

    public IReadOnlyList<IntervalStats> Intervals()
    {
        lock (_intervals)
        {
            return [.. _intervals];
        }
    }

    public LatencyStats Latency() => _latency.Snapshot();

    public LatencyStats ServiceTime() => _service.Snapshot();

    public IReadOnlyDictionary<string, long> StatusCodes() =>
        new SortedDictionary<string, long>(_statusCodes, StringComparer.Ordinal);

    public IReadOnlyList<StepResult> Steps() =>
        [.. _steps.Values.Select(s => s.Snapshot()).OrderBy(s => s.Name, StringComparer.Ordinal)];
}
