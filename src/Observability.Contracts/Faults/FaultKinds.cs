namespace Observability.Contracts.Faults;

/// <summary>The kinds of <see cref="FaultSwitch"/>, as they appear in the bucket, the CLI and the metrics' <c>kind</c> label.</summary>
public static class FaultKinds
{
    /// <summary>A transient error before the write: nak with backoff, redelivery, applied once.</summary>
    public const string Exception = "exception";

    /// <summary>An error after the write and before the ack: the duplicate-delivery case.</summary>
    public const string FailAfterWrite = "fail-after-write";

    /// <summary>A delay per message, which may be longer than AckWait.</summary>
    public const string Slow = "slow";

    /// <summary>The processor process dies abruptly (no drain) at its next message.</summary>
    public const string Crash = "crash";

    /// <summary>The consumer stops pulling for <see cref="FaultSwitch.Delay"/>.</summary>
    public const string Stall = "stall";

    public static readonly IReadOnlyList<string> All = [Exception, FailAfterWrite, Slow, Crash, Stall];
}

/// <summary>Where a <c>crash</c> switch kills the process.</summary>
public static class CrashPoints
{
    public const string BeforeWrite = "before-write";
    public const string AfterWrite = "after-write";

    public static readonly IReadOnlyList<string> All = [BeforeWrite, AfterWrite];
}
