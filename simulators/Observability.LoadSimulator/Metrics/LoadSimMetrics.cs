using Prometheus;

namespace Observability.LoadSimulator.Metrics;

/// <summary>
/// Owns the loadsim_* instruments of the metric catalog (docs/metrics.md). One instance per registry so
/// tests can use their own <see cref="CollectorRegistry"/>.
/// </summary>
internal sealed class LoadSimMetrics
{
    /// <summary>100 µs .. 30 s, roughly 1-2.5-5 per decade.</summary>
    public static readonly double[] LatencyBuckets =
        [0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

    private const string RunId = "run_id";
    private const string ScenarioLabel = "scenario";
    private const string Outcome = "outcome";

    private readonly Counter _iterations;
    private readonly Histogram _latency;
    private readonly Histogram _serviceTime;
    private readonly Gauge _targetRate;
    private readonly Gauge _inflight;
    private readonly Gauge _copies;

    public LoadSimMetrics(CollectorRegistry registry)
    {
        Registry = registry;
        var factory = Prometheus.Metrics.WithCustomRegistry(registry);
        _iterations = factory.CreateCounter(
            "loadsim_iterations_total",
            "Iterations by result; dropped could not start at their intended time.",
            new CounterConfiguration { LabelNames = [RunId, ScenarioLabel, Outcome] });
        _latency = factory.CreateHistogram(
            "loadsim_latency_seconds",
            "Latency from each iteration's intended start (corrected for coordinated omission).",
            new HistogramConfiguration { LabelNames = [RunId, ScenarioLabel], Buckets = LatencyBuckets });
        _serviceTime = factory.CreateHistogram(
            "loadsim_service_time_seconds",
            "Latency from the actual start (service time).",
            new HistogramConfiguration { LabelNames = [RunId, ScenarioLabel], Buckets = LatencyBuckets });
        _targetRate = factory.CreateGauge(
            "loadsim_target_rate",
            "The rate the load simulation asks for now (open model), iterations per second.",
            new GaugeConfiguration { LabelNames = [RunId, ScenarioLabel] });
        _inflight = factory.CreateGauge(
            "loadsim_inflight_iterations",
            "Iterations running now.",
            new GaugeConfiguration { LabelNames = [RunId, ScenarioLabel] });
        _copies = factory.CreateGauge(
            "loadsim_copies",
            "Copies running now (closed model).",
            new GaugeConfiguration { LabelNames = [RunId, ScenarioLabel] });
    }

    public CollectorRegistry Registry { get; }

    public ScenarioMetrics ForScenario(string runId, string scenario) => new(
        _iterations.WithLabels(runId, scenario, "ok"),
        _iterations.WithLabels(runId, scenario, "fail"),
        _iterations.WithLabels(runId, scenario, "dropped"),
        _latency.WithLabels(runId, scenario),
        _serviceTime.WithLabels(runId, scenario),
        _targetRate.WithLabels(runId, scenario),
        _inflight.WithLabels(runId, scenario),
        _copies.WithLabels(runId, scenario));
}
