namespace Observability.LoadSimulator.Simulations;

/// <summary>One planned iteration of the open model: when it should start, relative to the run start.</summary>
internal readonly record struct ScheduledStart(TimeSpan Intended, bool IsWarmUp);
