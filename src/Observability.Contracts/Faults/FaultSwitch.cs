namespace Observability.Contracts.Faults;

/// <summary>
/// One switch of the fault switchboard (KV bucket <c>kit-faults</c>, key = <see cref="Id"/>). Processors watch the
/// bucket and obey every switch that targets their consumer until it expires or is cleared. A switch without an
/// expiry is not accepted: a forgotten switch must clear itself.
/// </summary>
public sealed record FaultSwitch
{
    /// <summary>Key in the bucket: letters, digits, '-' and '_'.</summary>
    public required string Id { get; init; }

    /// <summary>One of <see cref="FaultKinds"/>.</summary>
    public required string Kind { get; init; }

    /// <summary>The durable consumer it targets (e.g. <c>order-summary</c>), or <see cref="AllConsumers"/>.</summary>
    public string Consumer { get; init; } = AllConsumers;

    /// <summary>Only events of this CloudEvents type (e.g. <c>orders.order-placed.v1</c>); null for every type.</summary>
    public string? EventType { get; init; }

    /// <summary>Chance per message (0..1] that the fault fires. Default 1.</summary>
    public double Probability { get; init; } = 1.0;

    /// <summary>At most this many injections in all (per processor replica), then the switch is spent; null for no limit.</summary>
    public int? Amount { get; init; }

    /// <summary><c>slow</c>: the delay per message; <c>stall</c>: how long the consumer stops pulling.</summary>
    public TimeSpan? Delay { get; init; }

    /// <summary><c>crash</c>: one of <see cref="CrashPoints"/>. Default before the write.</summary>
    public string? CrashPoint { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    public required DateTimeOffset ExpiresAt { get; init; }

    /// <summary>Who or what set it (a user, a load run id): shown by <c>kit faults list</c> and in annotations.</summary>
    public string? SetBy { get; init; }

    public const string AllConsumers = "*";

    public static readonly TimeSpan DefaultExpiry = TimeSpan.FromMinutes(5);

    public bool Targets(string consumer) => Consumer == AllConsumers || string.Equals(Consumer, consumer, StringComparison.Ordinal);

    public bool IsActive(DateTimeOffset now) => now < ExpiresAt;
}
