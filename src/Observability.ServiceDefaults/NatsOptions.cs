namespace Observability.ServiceDefaults;

/// <summary>
/// Connection settings, bound from the <c>Nats</c> configuration section (env: <c>Nats__Url</c>, <c>Nats__User</c>,
/// <c>Nats__Password</c> or <c>Nats__PasswordFile</c>, <c>Nats__CredsFile</c>). Credentials come from the environment or a file, never from the
/// repository; without any the client connects anonymously (a server without authorisation).
/// </summary>
public sealed record NatsOptions
{
    public const string Section = "Nats";

    /// <summary>One URL or a comma-separated list (a cluster). Default <c>nats://127.0.0.1:4222</c>.</summary>
    public string Url { get; init; } = "nats://127.0.0.1:4222";

    /// <summary>The service's NATS user (nats/auth.conf gives each service its own). Default none.</summary>
    public string? User { get; init; }

    /// <summary>The user's password. Default none.</summary>
    public string? Password { get; init; }

    /// <summary>A file holding the password (a mounted secret, e.g. generated at first start in compose). Default none.</summary>
    public string? PasswordFile { get; init; }

    /// <summary>The password given, or the content of <see cref="PasswordFile"/> (trimmed); null when neither is set.</summary>
    public string? ResolvePassword() =>
        !string.IsNullOrEmpty(Password) ? Password : PasswordFile is { Length: > 0 } file ? File.ReadAllText(file).Trim() : null;

    /// <summary>A NATS credentials file (JWT and nkey seed) instead of user and password. Default none.</summary>
    public string? CredsFile { get; init; }

    /// <summary>How long a JetStream API request or publish waits for its answer. Default 5 s.</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(5);
}
