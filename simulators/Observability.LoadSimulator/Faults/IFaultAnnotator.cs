namespace Observability.LoadSimulator.Faults;

/// <summary>Told about every fault window once it has closed, e.g. to draw it as a region in Grafana.</summary>
public interface IFaultAnnotator
{
    Task AnnotateFaultAsync(string runId, FaultWindow window, CancellationToken cancellationToken);
}
