using NATS.Client.Core;

namespace Observability.LoadSimulator.Pipeline;

/// <summary>
/// loadsim's NATS client options: the URL from the scenario, the credentials of the broker's least-privilege
/// <c>loadsim</c> user from the environment the services use (<c>Nats__User</c> with <c>Nats__Password</c> or
/// <c>Nats__PasswordFile</c>), so one compose or run-local environment serves loadsim and the services alike. Without
/// them, credentials in the URL (<c>nats://user:pw@host</c>) or none.
/// </summary>
public static class LoadSimNats
{
    public static NatsOpts Options(string url, string name) => new() { Url = url, Name = name, AuthOpts = Credentials(Environment.GetEnvironmentVariable) };

    /// <summary>The credentials named by <paramref name="environment"/>, or none.</summary>
    public static NatsAuthOpts Credentials(Func<string, string?> environment)
    {
        var user = environment("Nats__User");
        if (string.IsNullOrEmpty(user))
        {
            return NatsAuthOpts.Default;
        }

        var password = environment("Nats__Password");
        if (string.IsNullOrEmpty(password) && environment("Nats__PasswordFile") is { Length: > 0 } file)
        {
            password = File.ReadAllText(file).Trim();
        }

        return NatsAuthOpts.Default with { Username = user, Password = password };
    }
}
