namespace Observability.LoadSimulator.Cli;

/// <summary>Process exit codes of <c>loadsim</c> (documented in docs/load-simulator.md).</summary>
public static class ExitCodes
{
    /// <summary>The run completed and every threshold passed.</summary>
    public const int Ok = 0;

    /// <summary>The run completed and at least one threshold failed.</summary>
    public const int ThresholdsFailed = 1;

    /// <summary>The run was aborted (runtime threshold, init failure, Ctrl+C).</summary>
    public const int Aborted = 2;

    /// <summary>Bad command line or config; nothing ran.</summary>
    public const int BadUsage = 3;
}
