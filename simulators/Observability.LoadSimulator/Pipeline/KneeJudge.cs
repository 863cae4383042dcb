using System.Globalization;
using Observability.LoadSimulator.Plugins;

namespace Observability.LoadSimulator.Pipeline;

/// <summary>
/// find-knee over a live run: each step (a phase of the rate ramp) is judged by <see cref="KneeFinder"/> when the
/// next one begins, from the lag sampled during it and the worst interval p99 of its publishes. The first step
/// that was not sustained ends the load.
/// </summary>
internal sealed class KneeJudge(LagSampler lag, double maxP99Ms)
{
    private readonly Lock _gate = new();
    private readonly List<(double Start, double Rate)> _steps = [];
    private readonly List<SeriesPoint> _intervalP99 = [];
    private readonly List<SeriesPoint> _verdicts = [];
    private volatile bool _pastKnee;

    public bool PastKnee => _pastKnee;

    /// <summary>The highest sustained step rate so far; null when none was.</summary>
    public double? Rate { get; private set; }

    public string Reason { get; private set; } = "not judged";

    /// <summary>A new step began at <paramref name="start"/>: judges the one before. True once past the knee.</summary>
    public bool OnStep(double start, double rate)
    {
        lock (_gate)
        {
            if (_steps.Count > 0)
            {
                JudgeLast(start);
            }

            _steps.Add((start, rate));
        }

        return _pastKnee;
    }

    public void OnInterval(double elapsedSeconds, double latencyP99Ms)
    {
        lock (_gate)
        {
            _intervalP99.Add(new SeriesPoint(elapsedSeconds, latencyP99Ms));
        }
    }

    /// <summary>The load ended at <paramref name="end"/>: judges the last step.</summary>
    public void Finish(double end)
    {
        lock (_gate)
        {
            if (_steps.Count == 0 || _pastKnee)
            {
                return;
            }

            JudgeLast(end);
            if (!_pastKnee)
            {
                Reason = string.Create(CultureInfo.InvariantCulture, $"every step was sustained: the knee is above {Rate:0}/s");
            }
        }
    }

    /// <summary>Each judged step at its end: its rate when sustained, 0 when not.</summary>
    public PluginSeries Series()
    {
        lock (_gate)
        {
            return new PluginSeries("find-knee sustained step rate (0 = not sustained)", "{message}/s", [.. _verdicts]);
        }
    }

    /// <summary>Caller holds the gate. Judges the last step, which ended at <paramref name="end"/>.</summary>
    private void JudgeLast(double end)
    {
        if (_pastKnee)
        {
            return;
        }

        var (start, rate) = _steps[^1];
        // The first interval of a step still carries the previous step's tail: judge latency from the second on.
        var p99 = _intervalP99.Where(p => p.Seconds > start + 1 && p.Seconds <= end + 0.5).Select(p => p.Value).DefaultIfEmpty(0).Max();
        var verdict = KneeFinder.Judge(new KneeStep(rate, lag.Between(start, end), p99), maxP99Ms);
        _verdicts.Add(new SeriesPoint(end, verdict.Sustainable ? rate : 0));
        if (verdict.Sustainable)
        {
            Rate = rate;
            Reason = "last step sustained: " + verdict.Reason;
            return;
        }

        _pastKnee = true;
        Reason = string.Create(CultureInfo.InvariantCulture, $"{rate:0}/s was not sustained: {verdict.Reason}");
    }
}
