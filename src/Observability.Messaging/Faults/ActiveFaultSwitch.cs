using System.Collections.Concurrent;
using Observability.Contracts.Faults;

namespace Observability.Messaging.Faults;

/// <summary>
/// A switch the switchboard holds, with its injections counted per consumer: <see cref="FaultSwitch.Amount"/> is a
/// budget per replica, and every consumer host in a process is one replica of its role.
/// </summary>
internal sealed class ActiveFaultSwitch(FaultSwitch fault, ulong revision)
{
    private readonly ConcurrentDictionary<string, StrongBox> _injected = new(StringComparer.Ordinal);

    public FaultSwitch Fault { get; } = fault;

    /// <summary>The KV revision that set it: a re-set switch is a new switch with a fresh budget.</summary>
    public ulong Revision { get; } = revision;

    /// <summary>A stall is an event, not a rate: without an amount it stalls once.</summary>
    private int? Budget => Fault.Amount ?? (Fault.Kind == FaultKinds.Stall ? 1 : null);

    public bool Matches(string kind, string consumer, string? eventType, DateTimeOffset now) =>
        string.Equals(Fault.Kind, kind, StringComparison.Ordinal)
        && Fault.Targets(consumer)
        && (Fault.EventType is null || eventType is null || string.Equals(Fault.EventType, eventType, StringComparison.Ordinal))
        && Fault.IsActive(now)
        && !IsSpent(consumer);

    public bool IsSpent(string consumer) => Budget is { } budget && _injected.TryGetValue(consumer, out var count) && Volatile.Read(ref count.Value) >= budget;

    /// <summary>Rolls the switch's probability and takes one injection from the consumer's budget; false when it does not fire.</summary>
    public bool TryInject(string consumer)
    {
        if (Fault.Probability < 1.0 && Random.Shared.NextDouble() >= Fault.Probability)
        {
            return false;
        }

        if (Budget is not { } budget)
        {
            return true;
        }

        var count = _injected.GetOrAdd(consumer, _ => new StrongBox());
        while (true)
        {
            var seen = Volatile.Read(ref count.Value);
            if (seen >= budget)
            {
                return false;
            }

            if (Interlocked.CompareExchange(ref count.Value, seen + 1, seen) == seen)
            {
                return true;
            }
        }
    }

    private sealed class StrongBox
    {
        public int Value;
    }
}
