namespace Observability.LoadSimulator.Scheduling;

/// <summary>Iterations left for IterationsForConstant, shared by its copies.</summary>
internal sealed class IterationBudget(long total)
{
    private long _left = total;

    public bool TryTake() => Interlocked.Decrement(ref _left) >= 0;
}
