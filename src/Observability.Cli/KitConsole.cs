namespace Observability.Cli;

/// <summary>Where the commands write: the process's console, or a test's writers.</summary>
public sealed record KitConsole(TextWriter Out, TextWriter Error, bool OutputRedirected);
