namespace Observability.Processors.Engagement;

/// <summary>An inclusive range of stream sequences already counted in a window.</summary>
public readonly record struct SequenceRange(ulong From, ulong To);
