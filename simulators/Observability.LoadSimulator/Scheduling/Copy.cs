namespace Observability.LoadSimulator.Scheduling;

/// <summary>A closed-model virtual user. It stops after its current iteration once asked.</summary>
internal sealed class Copy(int number)
{
    private volatile bool _stopRequested;

    public int Number { get; } = number;

    public bool StopRequested => _stopRequested;

    public Task Loop { get; set; } = Task.CompletedTask;

    public void RequestStop() => _stopRequested = true;
}
