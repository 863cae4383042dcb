using NATS.Client.Core;
using NATS.Client.JetStream;
using Observability.LoadSimulator.Plugins;

namespace Observability.LoadSimulator.Pipeline;

/// <summary>
/// Consumer lag of one durable (NumPending + NumAckPending) sampled twice a second on the run's clock, and the
/// wait after the load until it is back to 0.
/// </summary>
internal sealed class LagSampler(string stream, string consumer)
{
    private static readonly TimeSpan Period = TimeSpan.FromMilliseconds(500);
    private static readonly TimeSpan DrainPoll = TimeSpan.FromMilliseconds(100);
    private readonly Lock _gate = new();
    private readonly List<SeriesPoint> _points = [];
    private TimeProvider _time = TimeProvider.System;
    private long _startTimestamp;
    private INatsJSContext? _js;

    public double Last { get; private set; } = double.NaN;

    public double Peak { get; private set; }

    /// <summary>Whether the durable was readable at least once.</summary>
    public bool Seen { get; private set; }

    /// <summary>Seconds from the run start, the time base of every series.</summary>
    public double Elapsed => _time.GetElapsedTime(Volatile.Read(ref _startTimestamp)).TotalSeconds;

    /// <summary>Starts sampling in the background; <paramref name="js"/> null (no broker) samples nothing.</summary>
    public Task StartAsync(INatsJSContext? js, TimeProvider time, CancellationToken stop)
    {
        _time = time;
        _startTimestamp = time.GetTimestamp();
        _js = js;
        return LoopAsync(stop);
    }

    public IReadOnlyList<SeriesPoint> Points()
    {
        lock (_gate)
        {
            return [.. _points];
        }
    }

    /// <summary>Samples taken between two run offsets (seconds), in time order.</summary>
    public List<double> Between(double from, double to)
    {
        lock (_gate)
        {
            return [.. _points.Where(p => p.Seconds >= from && p.Seconds <= to).Select(p => p.Value)];
        }
    }

    /// <summary>
    /// The series count from the run start (the intervals' and fault windows' time base), not from this sampler's
    /// start, which comes earlier by the connect and the replica count: shift what was sampled before.
    /// </summary>
    public void RebaseOnRunStart(double runElapsedSeconds)
    {
        lock (_gate)
        {
            var shift = Elapsed - runElapsedSeconds;
            _startTimestamp += (long)(shift * _time.TimestampFrequency);
            for (var i = 0; i < _points.Count; i++)
            {
                _points[i] = _points[i] with { Seconds = Math.Max(0, _points[i].Seconds - shift) };
            }
        }
    }

    /// <summary>Waits (bounded) until lag is 0, sampling as it goes; returns the seconds it took, or null, and the seconds waited.</summary>
    public async Task<(double? Drained, double Waited)> WaitUntilDrainedAsync(TimeSpan limit, CancellationToken cancellationToken)
    {
        var start = _time.GetTimestamp();
        while (_js is not null && _time.GetElapsedTime(start) < limit && !cancellationToken.IsCancellationRequested)
        {
            if (await ReadAsync(cancellationToken) is 0)
            {
                var drained = _time.GetElapsedTime(start).TotalSeconds;
                return (drained, drained);
            }

            await Task.Delay(DrainPoll, _time, cancellationToken);
        }

        return (null, _time.GetElapsedTime(start).TotalSeconds);
    }

    private async Task LoopAsync(CancellationToken stop)
    {
        using var timer = new PeriodicTimer(Period, _time);
        try
        {
            do
            {
                await ReadAsync(stop);
            }
            while (await timer.WaitForNextTickAsync(stop));
        }
        catch (OperationCanceledException)
        {
        }
    }

    private async Task<double?> ReadAsync(CancellationToken cancellationToken)
    {
        if (_js is null)
        {
            return null;
        }

        try
        {
            var info = (await _js.GetConsumerAsync(stream, consumer, cancellationToken)).Info;
            var lag = info.NumPending + (double)Math.Max(0, info.NumAckPending);
            lock (_gate)
            {
                _points.Add(new SeriesPoint(Elapsed, lag));
                Last = lag;
                Peak = Math.Max(Peak, lag);
                Seen = true;
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
}
