using System.Security.Cryptography;

namespace Observability.Testing;

/// <summary>
/// The kit's NATS users (nats/auth.conf) with passwords generated once per test run: every nats-server a fixture
/// starts runs with authorisation on, the tests' own clients connect as the operator <see cref="Kit"/>, and each
/// service started by <see cref="KitService"/> connects as its own least-privilege user.
/// </summary>
public static class NatsUsers
{
    public static NatsCredential Kit { get; } = Generate("kit");

    public static NatsCredential Api { get; } = Generate("api");

    public static NatsCredential Producer { get; } = Generate("producer");

    public static NatsCredential Processors { get; } = Generate("processors");

    public static NatsCredential LoadSim { get; } = Generate("loadsim");

    public static IReadOnlyList<NatsCredential> All { get; } = [Kit, Api, Producer, Processors, LoadSim];

    /// <summary>The permissions file every server of the kit includes.</summary>
    public static string ConfigPath => RepositoryRoot.Combine("nats", "auth.conf");

    /// <summary>What nats-server needs in its environment to read nats/auth.conf: <c>NATS_&lt;USER&gt;_PASSWORD</c>.</summary>
    public static IReadOnlyDictionary<string, string> ServerEnvironment { get; } =
        All.ToDictionary(c => $"NATS_{c.User.ToUpperInvariant()}_PASSWORD", c => c.Password);

    /// <summary>The user a service of the kit connects as, by project name; null for anything else.</summary>
    public static NatsCredential? ForService(string project) => project switch
    {
        "Observability.Api" => Api,
        "Observability.Producer" => Producer,
        "Observability.Processors" => Processors,
        "Observability.LoadSimulator" => LoadSim,
        _ => null,
    };

    /// <summary>Every URL of a comma-separated list with <paramref name="credential"/> as its user info (NATS.Net reads it from there).</summary>
    public static string WithCredential(string urls, NatsCredential credential) =>
        string.Join(',', Split(urls).Select(u => new UriBuilder(u) { UserName = credential.User, Password = credential.Password }.Uri.ToString().TrimEnd('/')));

    /// <summary>The same URLs without user info.</summary>
    public static string WithoutCredential(string urls) =>
        string.Join(',', Split(urls).Select(u => new UriBuilder(u) { UserName = "", Password = "" }.Uri.ToString().TrimEnd('/')));

    /// <summary>True when the (first) URL carries user info.</summary>
    public static bool HasCredential(string urls) => Split(urls).FirstOrDefault() is { } first && new Uri(first).UserInfo.Length > 0;

    private static IEnumerable<string> Split(string urls) => urls.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    // Hex after a letter: safe in a URL's user info and as a nats-server config value (which "7e3..." or "123" is not: a number).
    private static NatsCredential Generate(string user) => new(user, "n" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16)));
}
