namespace Observability.LoadSimulator.Simulations;

/// <summary>The shape of one load-simulation phase.</summary>
public enum LoadSimulationKind
{
    /// <summary>Open model: a fixed rate of new iterations per interval.</summary>
    Inject,

    /// <summary>Open model: the rate moves linearly from the previous phase's rate to the target.</summary>
    RampingInject,

    /// <summary>Open model: each interval picks a rate between min and max (seeded).</summary>
    InjectRandom,

    /// <summary>Closed model: a fixed number of copies loop for a duration.</summary>
    KeepConstant,

    /// <summary>Closed model: the number of copies moves linearly from the previous phase's count to the target.</summary>
    RampingConstant,

    /// <summary>Closed model: copies share a budget of iterations and stop when it is spent.</summary>
    IterationsForConstant,

    /// <summary>Either model: nothing starts for a duration.</summary>
    Pause,
}
