namespace Observability.LoadSimulator.Faults;

/// <summary>How a <see cref="ShellCommand"/> ended.</summary>
/// <param name="ExitCode">The process exit code (-1 when it could not start).</param>
/// <param name="Output">The tail of stdout and stderr.</param>
/// <param name="Elapsed">Wall time from start to exit.</param>
/// <param name="TimedOut">True when it was killed for running longer than its timeout.</param>
public sealed record ShellCommandResult(int ExitCode, string Output, TimeSpan Elapsed, bool TimedOut)
{
    public bool Succeeded => ExitCode == 0 && !TimedOut;
}
