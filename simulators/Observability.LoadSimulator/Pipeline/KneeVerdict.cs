namespace Observability.LoadSimulator.Pipeline;

/// <summary>Whether a find-knee step was sustainable, and why not.</summary>
public sealed record KneeVerdict(bool Sustainable, string Reason);
