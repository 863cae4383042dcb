namespace Observability.Contracts.Events;

/// <summary>
/// Where an event goes and which aggregate it belongs to, as the event itself states it (<see cref="IEvent.Route"/>),
/// so messaging publishes and traces any event family without knowing it.
/// </summary>
/// <param name="Stream">The JetStream stream that stores it.</param>
/// <param name="Subject">The subject it is published on.</param>
/// <param name="DestinationTemplate">The low-cardinality destination name, used in span names.</param>
/// <param name="Key">The aggregate's id (CloudEvents <c>subject</c>), when the family has one.</param>
/// <param name="KeyAttribute">The span attribute that carries <paramref name="Key"/>, e.g. <c>kit.order_id</c>.</param>
public readonly record struct EventRoute(string Stream, string Subject, string DestinationTemplate, string? Key = null, string? KeyAttribute = null);
