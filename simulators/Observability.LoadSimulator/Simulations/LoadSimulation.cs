namespace Observability.LoadSimulator.Simulations;

/// <summary>
/// One phase of load. Build them with <see cref="Simulation"/>; a scenario runs its phases in order.
/// Rates are per <see cref="Interval"/>, so Inject(rate: 1, interval: 2 s) is one iteration every 2 s.
/// </summary>
public sealed record LoadSimulation
{
    /// <summary>What the phase does.</summary>
    public required LoadSimulationKind Kind { get; init; }

    /// <summary>Iterations per <see cref="Interval"/> (Inject, RampingInject target). Fractions allowed.</summary>
    public double Rate { get; init; }

    /// <summary>Lowest rate per interval for InjectRandom.</summary>
    public double MinRate { get; init; }

    /// <summary>Highest rate per interval for InjectRandom.</summary>
    public double MaxRate { get; init; }

    /// <summary>The interval the rate refers to. Default 1 s.</summary>
    public TimeSpan Interval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>How long the phase lasts (all kinds but IterationsForConstant).</summary>
    public TimeSpan During { get; init; }

    /// <summary>Copies (virtual users) for the closed model.</summary>
    public int Copies { get; init; }

    /// <summary>Total iterations shared by all copies (IterationsForConstant).</summary>
    public long Iterations { get; init; }

    /// <summary>True for the phases that drive the open model (Inject*).</summary>
    public bool IsOpen => Kind is LoadSimulationKind.Inject or LoadSimulationKind.RampingInject or LoadSimulationKind.InjectRandom;

    /// <summary>True for the phases that drive the closed model (*Constant).</summary>
    public bool IsClosed => Kind is LoadSimulationKind.KeepConstant or LoadSimulationKind.RampingConstant or LoadSimulationKind.IterationsForConstant;

    /// <summary>Iterations per second implied by <see cref="Rate"/> and <see cref="Interval"/>.</summary>
    public double RatePerSecond => Rate / Interval.TotalSeconds;

    /// <inheritdoc />
    public override string ToString() => Kind switch
    {
        LoadSimulationKind.Inject => $"Inject(rate: {Rate}, interval: {Interval}, during: {During})",
        LoadSimulationKind.RampingInject => $"RampingInject(rate: {Rate}, interval: {Interval}, during: {During})",
        LoadSimulationKind.InjectRandom => $"InjectRandom(min: {MinRate}, max: {MaxRate}, interval: {Interval}, during: {During})",
        LoadSimulationKind.KeepConstant => $"KeepConstant(copies: {Copies}, during: {During})",
        LoadSimulationKind.RampingConstant => $"RampingConstant(copies: {Copies}, during: {During})",
        LoadSimulationKind.IterationsForConstant => $"IterationsForConstant(copies: {Copies}, iterations: {Iterations})",
        _ => $"Pause(during: {During})",
    };
}
