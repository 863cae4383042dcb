using Observability.Contracts.Events;

namespace Observability.Operations.Scanning;

/// <summary>A decoded event with its event time, or why the message is unreadable (a dead-letter reason and detail).</summary>
internal readonly record struct ReadEvent(IEvent? Event, string? Reason, string? Detail, DateTimeOffset EventTime)
{
    public static ReadEvent Unreadable(string reason, string detail) => new(null, reason, detail, default);
}
