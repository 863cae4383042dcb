using System.CommandLine;
using NATS.Client.Core;

namespace Observability.Cli;

/// <summary>
/// Options every subcommand takes: where the broker is, and machine-readable output. Credentials are never options
/// (a password on a command line ends up in shell histories and process lists): the operator user comes from
/// <c>$NATS_USER</c> and <c>$NATS_PASSWORD</c> (or a file holding it, <c>$NATS_PASSWORD_FILE</c>), or a credentials file
/// from <c>$NATS_CREDS</c>, or the URL's user info.
/// </summary>
public static class CommonOptions
{
    public const string DefaultNatsUrl = "nats://127.0.0.1:4222";

    public static Option<string> Nats { get; } = new("--nats")
    {
        Description = $"NATS server URL (default: $NATS_URL, else {DefaultNatsUrl})",
        Recursive = true,
        DefaultValueFactory = _ => Environment.GetEnvironmentVariable("NATS_URL") is { Length: > 0 } url ? url : DefaultNatsUrl,
    };

    /// <summary>The operator's credentials from the environment; none (anonymous, or the URL's user info) when unset.</summary>
    public static NatsAuthOpts Credentials() => NatsAuthOpts.Default with
    {
        Username = Environment.GetEnvironmentVariable("NATS_USER") is { Length: > 0 } user ? user : null,
        Password = Environment.GetEnvironmentVariable("NATS_PASSWORD") is { Length: > 0 } password ? password
            : Environment.GetEnvironmentVariable("NATS_PASSWORD_FILE") is { Length: > 0 } file ? File.ReadAllText(file).Trim() : null,
        CredsFile = Environment.GetEnvironmentVariable("NATS_CREDS") is { Length: > 0 } creds ? creds : null,
    };

    public static Option<bool> Json { get; } = new("--json")
    {
        Description = "Write JSON instead of tables",
        Recursive = true,
    };
}
