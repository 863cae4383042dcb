namespace Observability.Messaging.Publishing;

/// <summary>Options of an <see cref="EventPublisher"/>.</summary>
public sealed record EventPublisherOptions
{
    public static EventPublisherOptions Default { get; } = new();

    /// <summary>CloudEvents <c>source</c>: which component published. Default <c>/kit</c>.</summary>
    public string Source { get; init; } = "/kit";

    /// <summary>Publishes kept in flight by <see cref="EventPublisher.PublishManyAsync"/>. Default 1000 (the knee measured on a 2-core machine).</summary>
    public int MaxInFlight { get; init; } = 1000;
}
