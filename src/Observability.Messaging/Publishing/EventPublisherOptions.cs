namespace Observability.Messaging.Publishing;

/// <summary>Options of an <see cref="EventPublisher"/>.</summary>
public sealed record EventPublisherOptions
{
    public static EventPublisherOptions Default { get; } = new();

    /// <summary>CloudEvents <c>source</c>: which component published. Default <c>/kit</c>.</summary>
    public string Source { get; init; } = "/kit";

    /// <summary>
    /// Base of the absolute CloudEvents <c>dataschema</c> URI (CloudEvents 1.0 requires an absolute URI): the API that
    /// serves <c>/schemas/{type}.json</c>. Default <c>http://localhost:8080/</c>, the API as compose publishes it.
    /// </summary>
    public Uri SchemaBaseUri { get; init; } = new("http://localhost:8080/");

    /// <summary>Publishes kept in flight by <see cref="EventPublisher.PublishManyAsync"/>. Default 1000 (the knee measured on a 2-core machine).</summary>
    public int MaxInFlight { get; init; } = 1000;
}
