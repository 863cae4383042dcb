namespace Observability.Operations.Audit;

/// <summary>What the audit can find about an order or an engagement window, as it appears in the report.</summary>
public static class FindingKinds
{
    /// <summary>Stored, readable, and neither applied nor dead-lettered while the consumer says it is done with it.</summary>
    public const string Lost = "lost";

    /// <summary>A sequence applied twice (or a count above the events applied).</summary>
    public const string AppliedTwice = "applied_twice";

    /// <summary>Events applied in another order than the stream's.</summary>
    public const string OutOfOrder = "out_of_order";

    /// <summary>The read model differs from a fresh fold of the stored events.</summary>
    public const string Wrong = "wrong";

    /// <summary>Not applied by design: dead-lettered (in DEADLETTER or recorded by the read model). Not a failure.</summary>
    public const string DeadLettered = "dead_lettered";

    /// <summary>Not applied yet and the consumer still has lag: in flight, not a failure.</summary>
    public const string Pending = "pending";

    /// <summary>An engagement window whose counted events are partly gone from the bounded CLICKSTREAM: not checkable.</summary>
    public const string AgedOut = "aged_out";

    /// <summary>The kinds that make the audit fail (exit code 1).</summary>
    public static readonly IReadOnlyList<string> Failures = [Lost, AppliedTwice, OutOfOrder, Wrong];

    public static bool IsFailure(string kind) => Failures.Contains(kind, StringComparer.Ordinal);
}
