namespace Observability.LoadSimulator.Scheduling;

/// <summary>An iteration that has started and not yet been accounted for.</summary>
internal sealed record InFlightIteration(long Id, TimeSpan Intended, TimeSpan Started, bool IsWarmUp);
