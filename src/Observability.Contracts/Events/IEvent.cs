namespace Observability.Contracts.Events;

/// <summary>An immutable fact. <see cref="OccurredAt"/> is the event time (CloudEvents <c>time</c>).</summary>
public interface IEvent
{
    DateTimeOffset OccurredAt { get; }

    /// <summary>Where the event is published and whose it is: each event family states its own route.</summary>
    EventRoute Route { get; }
}
