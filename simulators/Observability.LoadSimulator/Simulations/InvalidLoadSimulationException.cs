namespace Observability.LoadSimulator.Simulations;

/// <summary>A scenario's configuration cannot run (mixed models, negative rates, ...). The CLI maps it to exit code 3.</summary>
public sealed class InvalidLoadSimulationException : Exception
{
    public InvalidLoadSimulationException()
    {
    }

    public InvalidLoadSimulationException(string message)
        : base(message)
    {
    }

    public InvalidLoadSimulationException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
