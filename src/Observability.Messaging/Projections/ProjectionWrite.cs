namespace Observability.Messaging.Projections;

/// <summary>The result of a projection update: whether a write happened, and the value now stored for the key.</summary>
public readonly record struct ProjectionWrite<T>(bool Written, T? Value, ulong Revision) where T : class;
