namespace Observability.Cli;

/// <summary>The kit tool's exit codes (documented in src/Observability.Cli/README.md).</summary>
public static class ExitCodes
{
    /// <summary>Done, nothing wrong found.</summary>
    public const int Ok = 0;

    /// <summary>The command ran and found a problem: the audit found lost, doubled, out-of-order or wrong results; a
    /// consumer is stalled, stopped or missing; a replay was not resolved; a thing asked for does not exist.</summary>
    public const int Failed = 1;

    /// <summary>Bad command line or bad values (unknown option, bad duration, an invalid fault switch, purge without --yes).</summary>
    public const int Usage = 2;

    /// <summary>The NATS server could not be reached.</summary>
    public const int BrokerUnreachable = 3;
}
