namespace Observability.LoadSimulator.Scheduling;

/// <summary>What starts a scenario's iterations: the open injector or the closed copy controller.</summary>
internal interface ILoadDriver
{
    /// <summary>Copies running now (always 0 for the open model).</summary>
    int Copies { get; }

    /// <summary>Runs the load simulations to their end, or until stopped or aborted.</summary>
    Task RunAsync(CancellationToken abort);

    /// <summary>Starts nothing more; iterations in flight go on. Safe to call more than once, from any thread.</summary>
    void Stop();
}
