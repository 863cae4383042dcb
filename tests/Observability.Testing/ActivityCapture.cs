using System.Collections.Concurrent;
using System.Diagnostics;

namespace Observability.Testing;

/// <summary>Records every finished activity of the named sources, for assertions on span kind, name, tags and parentage.</summary>
public sealed class ActivityCapture : IDisposable
{
    private readonly ActivityListener _listener;
    private readonly ConcurrentQueue<Activity> _stopped = new();

    public ActivityCapture(params string[] sourceNames)
    {
        var names = sourceNames.ToHashSet(StringComparer.Ordinal);
        _listener = new ActivityListener
        {
            ShouldListenTo = source => names.Count == 0 || names.Contains(source.Name),
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = _stopped.Enqueue,
        };
        ActivitySource.AddActivityListener(_listener);
    }

    public IReadOnlyList<Activity> Stopped => [.. _stopped];

    public IEnumerable<Activity> InTrace(ActivityTraceId traceId) => _stopped.Where(a => a.TraceId == traceId);

    public void Dispose() => _listener.Dispose();
}
