namespace Observability.Cli;

/// <summary>A value the command cannot accept: reported as one line and exit code 2.</summary>
public sealed class UsageException(string message) : Exception(message);
