using System.Diagnostics;
using OpenTelemetry;

namespace Observability.Benchmarks;

/// <summary>
/// Receives batches like a real exporter and drops them: the benchmark pays for creating, enriching and batching
/// every span (what a service pays) without a network hop that would measure the receiver instead.
/// </summary>
internal sealed class DiscardingExporter : BaseExporter<Activity>
{
    private readonly Dictionary<string, long> _bySource = [];

    public long Exported { get; private set; }

    /// <summary>Spans per "source: name (kind)": shows what the telemetry cost is made of.</summary>
    public IReadOnlyDictionary<string, long> BySource => _bySource;

    public override ExportResult Export(in Batch<Activity> batch)
    {
        foreach (var activity in batch)
        {
            Exported++;
            var key = $"{activity.Source.Name}: {activity.DisplayName.Split(' ')[0]} ({activity.Kind})";
            _bySource[key] = _bySource.GetValueOrDefault(key) + 1;
        }

        return ExportResult.Success;
    }
}
