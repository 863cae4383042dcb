using NATS.Client.Core;
using Observability.Contracts.Events;
using Observability.LoadSimulator.Plugins;
using Observability.LoadSimulator.Statistics;

namespace Observability.LoadSimulator.Pipeline;

/// <summary>
/// End-to-end freshness of a sample of orders: from the send until the order's summary in KV has applied the
/// event's sequence. Polls single-key gets (a multi-key watch fails on nats-server 2.9). At most 20 samples
/// start a second, and a sample is skipped while too many probes wait, so the probe never becomes the load.
/// </summary>
internal sealed class FreshnessProbe
{
    private const int MaxOutstanding = 200;
    private const int MaxSamplesPerSecond = 20;
    private static readonly TimeSpan GiveUp = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan SettleLimit = TimeSpan.FromSeconds(10);
    private readonly Lock _gate = new();
    private readonly LatencyRecorder _all = new();
    private readonly LatencyRecorder _interval = new(2);
    private readonly List<SeriesPoint> _p50 = [];
    private readonly List<SeriesPoint> _p95 = [];
    private readonly List<SeriesPoint> _p99 = [];
    private TimeProvider _time = TimeProvider.System;
    private ProbeConnection? _connection;
    private CancellationToken _stop;
    private long _sampleGap;
    private long _lastSample;
    private int _outstanding;
    private long _skipped;

    public LatencyStats Snapshot() => _all.Snapshot();

    /// <summary>Samples not measured: too many probes waiting, or a read that failed.</summary>
    public long Skipped => Interlocked.Read(ref _skipped);

    public void Start(ProbeConnection? connection, TimeProvider time, CancellationToken stop)
    {
        _time = time;
        _sampleGap = time.TimestampFrequency / MaxSamplesPerSecond;
        _stop = stop;
        _connection = connection;
    }

    /// <summary>Measures one stored order in the background; <paramref name="sentTimestamp"/> is on the run's clock.</summary>
    public void Track(string orderId, ulong sequence, long sentTimestamp)
    {
        if (_connection is null)
        {
            // Not connected (broker unreachable): the run goes on without freshness.
            return;
        }

        var last = Interlocked.Read(ref _lastSample);
        if (sentTimestamp - last < _sampleGap || Interlocked.CompareExchange(ref _lastSample, sentTimestamp, last) != last)
        {
            return;
        }

        if (Interlocked.Increment(ref _outstanding) > MaxOutstanding)
        {
            Interlocked.Decrement(ref _outstanding);
            Interlocked.Increment(ref _skipped);
            return;
        }

        _ = ProbeAsync(_connection, orderId, sequence, sentTimestamp, _stop);
    }

    /// <summary>Closes one interval of the p50/p95/p99 series.</summary>
    public void CloseInterval(double elapsedSeconds)
    {
        var fresh = _interval.SnapshotAndReset();
        if (fresh.Count == 0)
        {
            return;
        }

        lock (_gate)
        {
            _p50.Add(new SeriesPoint(elapsedSeconds, fresh.P50Ms));
            _p95.Add(new SeriesPoint(elapsedSeconds, fresh.P95Ms));
            _p99.Add(new SeriesPoint(elapsedSeconds, fresh.P99Ms));
        }
    }

    public IReadOnlyList<PluginSeries> Series(string consumer)
    {
        lock (_gate)
        {
            return _p99.Count == 0 ? [] :
            [
                new PluginSeries($"freshness p50 {consumer}", "ms", [.. _p50]),
                new PluginSeries($"freshness p95 {consumer}", "ms", [.. _p95]),
                new PluginSeries($"freshness p99 {consumer}", "ms", [.. _p99]),
            ];
        }
    }

    /// <summary>Lets the probes in flight finish (each ends as soon as its order is visible), bounded.</summary>
    public async Task SettleAsync(CancellationToken cancellationToken)
    {
        var start = _time.GetTimestamp();
        while (Volatile.Read(ref _outstanding) > 0 && _time.GetElapsedTime(start) < SettleLimit)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(50), _time, cancellationToken);
        }
    }

    private async Task ProbeAsync(ProbeConnection connection, string orderId, ulong sequence, long sentTimestamp, CancellationToken cancellationToken)
    {
        try
        {
            var summaries = await connection.SummariesAsync(cancellationToken);
            while (!cancellationToken.IsCancellationRequested)
            {
                var waited = _time.GetElapsedTime(sentTimestamp);
                var entry = await summaries.TryGetEntryAsync<byte[]>(orderId, cancellationToken: cancellationToken);
                if (entry.Success && entry.Value.Value is { Length: > 0 } json
                    && System.Text.Json.JsonSerializer.Deserialize(json, KitJson.Default.OrderSummary) is { } summary
                    && summary.LastAppliedSequence >= sequence)
                {
                    var freshness = _time.GetElapsedTime(sentTimestamp);
                    _all.Record(freshness);
                    _interval.Record(freshness);
                    return;
                }

                if (waited > GiveUp)
                {
                    return;
                }

                // Poll faster while it is fresh, slower as it ages: <= 10 % error (100 ms at most), bounded load on the server.
                var pause = TimeSpan.FromMilliseconds(Math.Clamp(waited.TotalMilliseconds / 10, 2, 100));
                await Task.Delay(pause, _time, cancellationToken);
            }
        }
        catch (OperationCanceledException)
        {
        }
        catch (Exception ex) when (ex is NatsException or System.Text.Json.JsonException or TimeoutException)
        {
            // A probe that cannot read is a missing sample, never a failed run.
            Interlocked.Increment(ref _skipped);
        }
        finally
        {
            Interlocked.Decrement(ref _outstanding);
        }
    }
}
