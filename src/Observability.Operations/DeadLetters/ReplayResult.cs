namespace Observability.Operations.DeadLetters;

/// <summary>
/// What came of replaying one dead letter: the processor's <see cref="Contracts.Replay.ReplayOutcomes"/> value, or
/// <see cref="NoResponders"/> / <see cref="Timeout"/> when no processor answered; and whether the letter was deleted.
/// </summary>
public sealed record ReplayResult(ulong DeadLetterSequence, string Stream, string Consumer, ulong SourceSequence, string Outcome, string? Detail, bool Deleted)
{
    /// <summary>No processor of that role is listening on its replay subject.</summary>
    public const string NoResponders = "no_responders";

    /// <summary>A processor did not answer within the timeout.</summary>
    public const string Timeout = "timeout";

    /// <summary>The answer was not a <see cref="Contracts.Replay.ReplayResponse"/>.</summary>
    public const string BadResponse = "bad_response";

    /// <summary>Applied now or already reflected: the letter is no longer needed.</summary>
    public bool Resolved => Outcome is Contracts.Replay.ReplayOutcomes.Applied or Contracts.Replay.ReplayOutcomes.AlreadyApplied;
}
