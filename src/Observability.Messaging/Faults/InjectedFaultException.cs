using Observability.Contracts.Faults;

namespace Observability.Messaging.Faults;

/// <summary>Thrown on purpose by the fault switchboard (<c>exception</c>, <c>fail-after-write</c>): never a real defect.</summary>
public sealed class InjectedFaultException : Exception
{
    public InjectedFaultException()
        : this("injected fault")
    {
    }

    public InjectedFaultException(string message)
        : base(message)
    {
    }

    public InjectedFaultException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    internal InjectedFaultException(FaultSwitch fault, string consumer, string eventType, ulong streamSequence)
        : base($"injected fault '{fault.Kind}' by switch '{fault.Id}' on consumer {consumer}, {eventType} #{streamSequence}")
    {
        SwitchId = fault.Id;
        Kind = fault.Kind;
    }

    /// <summary>The switch that fired, when thrown by the switchboard.</summary>
    public string? SwitchId { get; }

    /// <summary>The fault kind (<see cref="FaultKinds"/>), when thrown by the switchboard.</summary>
    public string? Kind { get; }
}
