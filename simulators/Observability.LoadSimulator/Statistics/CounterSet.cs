namespace Observability.LoadSimulator.Statistics;

/// <summary>Cumulative iteration counters, updated lock-free.</summary>
internal sealed class CounterSet
{
    private long _intended;
    private long _started;
    private long _dropped;
    private long _ok;
    private long _fail;
    private long _timedOut;
    private long _bytes;

    public void Intended() => Interlocked.Increment(ref _intended);

    public void Started() => Interlocked.Increment(ref _started);

    public void Dropped() => Interlocked.Increment(ref _dropped);

    public void Completed(bool isError, long bytes)
    {
        Interlocked.Increment(ref isError ? ref _fail : ref _ok);
        if (bytes != 0)
        {
            Interlocked.Add(ref _bytes, bytes);
        }
    }

    public void TimedOut() => Interlocked.Increment(ref _timedOut);

    public long Bytes => Interlocked.Read(ref _bytes);

    public IterationCounts Snapshot() => new()
    {
        // Read in dependency order (late stages first) so a snapshot taken mid-run never shows more done than started.
        TimedOut = Interlocked.Read(ref _timedOut),
        Ok = Interlocked.Read(ref _ok),
        Fail = Interlocked.Read(ref _fail),
        Started = Interlocked.Read(ref _started),
        Dropped = Interlocked.Read(ref _dropped),
        Intended = Interlocked.Read(ref _intended),
    };
}
