using System.Collections.Concurrent;
using Observability.LoadSimulator.Scenarios;

namespace Observability.LoadSimulator.Statistics;

/// <summary>Measurements of one named step.</summary>
internal sealed class StepCollector(string name)
{
    private readonly LatencyRecorder _latency = new();
    private readonly LatencyRecorder _service = new();
    private readonly ConcurrentDictionary<string, long> _statusCodes = new();
    private long _ok;
    private long _fail;
    private long _bytes;

    public void Record(Response response, TimeSpan serviceTime, TimeSpan startDelay)
    {
        Interlocked.Increment(ref response.IsError ? ref _fail : ref _ok);
        Interlocked.Add(ref _bytes, response.SizeBytes);
        _statusCodes.AddOrUpdate(response.StatusCode, 1, static (_, n) => n + 1);
        _service.Record(serviceTime);
        _latency.Record(serviceTime + startDelay);
    }

    public StepResult Snapshot() => new()
    {
        Name = name,
        Ok = Interlocked.Read(ref _ok),
        Fail = Interlocked.Read(ref _fail),
        Latency = _latency.Snapshot(),
        ServiceTime = _service.Snapshot(),
        BytesTransferred = Interlocked.Read(ref _bytes),
        StatusCodes = new SortedDictionary<string, long>(_statusCodes, StringComparer.Ordinal),
    };
}
