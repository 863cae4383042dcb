namespace Observability.Contracts.Replay;

/// <summary>
/// Asks a processor role to apply one stored message again, by its stream sequence (sent by <c>kit deadletters
/// replay</c> as a NATS request on <see cref="Topology.Subjects.Replay"/>; one replica of the role answers).
/// </summary>
public sealed record ReplayRequest(string Stream, ulong Sequence);

/// <summary>The answer to a <see cref="ReplayRequest"/>: <see cref="Outcome"/> is one of <see cref="ReplayOutcomes"/>.</summary>
public sealed record ReplayResponse(string Outcome, string? Detail = null);

public static class ReplayOutcomes
{
    /// <summary>The event was applied now (it had not been before).</summary>
    public const string Applied = "applied";

    /// <summary>The read model already reflects the event: nothing changed.</summary>
    public const string AlreadyApplied = "already_applied";

    /// <summary>The message still cannot be processed (e.g. unreadable): it stays dead-lettered.</summary>
    public const string StillFailing = "still_failing";

    /// <summary>No message at that sequence (e.g. aged out of a bounded stream).</summary>
    public const string NotFound = "not_found";
}
