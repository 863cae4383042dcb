using System.CommandLine;

namespace Observability.Cli;

/// <summary>Options every subcommand takes: where the broker is, and machine-readable output.</summary>
public static class CommonOptions
{
    public const string DefaultNatsUrl = "nats://127.0.0.1:4222";

    public static Option<string> Nats { get; } = new("--nats")
    {
        Description = $"NATS server URL (default: $NATS_URL, else {DefaultNatsUrl})",
        Recursive = true,
        DefaultValueFactory = _ => Environment.GetEnvironmentVariable("NATS_URL") is { Length: > 0 } url ? url : DefaultNatsUrl,
    };

    public static Option<bool> Json { get; } = new("--json")
    {
        Description = "Write JSON instead of tables",
        Recursive = true,
    };
}
