namespace Observability.LoadSimulator.Simulations;

/// <summary>How a scenario generates load.</summary>
public enum LoadModel
{
    /// <summary>Iterations arrive at a rate regardless of how many are running (Inject*).</summary>
    Open,

    /// <summary>A number of copies loop; a new iteration starts when the previous one ends (*Constant).</summary>
    Closed,
}
