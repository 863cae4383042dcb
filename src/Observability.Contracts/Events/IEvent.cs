namespace Observability.Contracts.Events;

/// <summary>An immutable fact. <see cref="OccurredAt"/> is the event time (CloudEvents <c>time</c>).</summary>
public interface IEvent
{
    DateTimeOffset OccurredAt { get; }
}
