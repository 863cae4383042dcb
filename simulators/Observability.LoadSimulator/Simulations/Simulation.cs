namespace Observability.LoadSimulator.Simulations;

/// <summary>Factory for load simulations, named like NBomber's so the API feels familiar.</summary>
public static class Simulation
{
    /// <summary>Open model: start <paramref name="rate"/> iterations per <paramref name="interval"/>, evenly spaced.</summary>
    public static LoadSimulation Inject(double rate, TimeSpan interval, TimeSpan during) =>
        new() { Kind = LoadSimulationKind.Inject, Rate = rate, Interval = interval, During = during };

    /// <summary>Open model: move the rate linearly from the previous phase's rate (0 if first) to <paramref name="rate"/>.</summary>
    public static LoadSimulation RampingInject(double rate, TimeSpan interval, TimeSpan during) =>
        new() { Kind = LoadSimulationKind.RampingInject, Rate = rate, Interval = interval, During = during };

    /// <summary>Open model: every interval picks a rate between <paramref name="minRate"/> and <paramref name="maxRate"/>.</summary>
    public static LoadSimulation InjectRandom(double minRate, double maxRate, TimeSpan interval, TimeSpan during) =>
        new() { Kind = LoadSimulationKind.InjectRandom, MinRate = minRate, MaxRate = maxRate, Interval = interval, During = during };

    /// <summary>Closed model: keep <paramref name="copies"/> copies looping for <paramref name="during"/>.</summary>
    public static LoadSimulation KeepConstant(int copies, TimeSpan during) =>
        new() { Kind = LoadSimulationKind.KeepConstant, Copies = copies, During = during };

    /// <summary>Closed model: move the copy count linearly from the previous phase's count (0 if first) to <paramref name="copies"/>.</summary>
    public static LoadSimulation RampingConstant(int copies, TimeSpan during) =>
        new() { Kind = LoadSimulationKind.RampingConstant, Copies = copies, During = during };

    /// <summary>Closed model: <paramref name="copies"/> copies run exactly <paramref name="iterations"/> iterations in total.</summary>
    public static LoadSimulation IterationsForConstant(int copies, long iterations) =>
        new() { Kind = LoadSimulationKind.IterationsForConstant, Copies = copies, Iterations = iterations };

    /// <summary>Start nothing for <paramref name="during"/>.</summary>
    public static LoadSimulation Pause(TimeSpan during) =>
        new() { Kind = LoadSimulationKind.Pause, During = during };
}
