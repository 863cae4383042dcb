namespace Observability.Testing;

/// <summary>
/// Starts one of the kit's services from its build output as a real process (the way scripts/run-local.sh does),
/// on a free port, pointed at a given nats-server as the service's own NATS user (<see cref="NatsUsers"/>).
/// </summary>
public static class KitService
{
    /// <summary>Builds nothing: expects the solution to be built in the same configuration as the tests.</summary>
    public static async Task<(ExternalProcess Process, string BaseUrl)> StartAsync(
        string project, string natsUrl, IReadOnlyDictionary<string, string>? settings = null, CancellationToken cancellationToken = default)
    {
        var dll = FindBuildOutput(project);
        var port = NatsServer.FreePort();
        var baseUrl = $"http://127.0.0.1:{port}";
        var environment = new Dictionary<string, string>
        {
            ["Nats__Url"] = NatsUsers.WithoutCredential(natsUrl),
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["DOTNET_ENVIRONMENT"] = "Production",
            ["OTEL_SERVICE_NAME"] = project.Replace("Observability.", "", StringComparison.Ordinal).ToLowerInvariant(),
        };
        // A fixture's URL carries the operator's credentials; the service connects as its own least-privilege user.
        if (NatsUsers.HasCredential(natsUrl))
        {
            var credential = NatsUsers.ForService(project) ?? throw new ArgumentException($"no NATS user for {project}", nameof(project));
            environment["Nats__User"] = credential.User;
            environment["Nats__Password"] = credential.Password;
        }

        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            environment[key] = value;
        }

        var process = ExternalProcess.Start("dotnet", [dll, "--urls", baseUrl], environment, Path.GetDirectoryName(dll));
        await process.WaitHealthyAsync(baseUrl + "/health", TimeSpan.FromSeconds(60), cancellationToken);
        return (process, baseUrl);
    }

    /// <summary>The service's dll under src/&lt;project&gt;/bin, preferring the configuration the tests were built in.</summary>
    public static string FindBuildOutput(string project) => FindBuildOutput("src", project, project);

    /// <summary>An assembly under &lt;folder&gt;/&lt;project&gt;/bin, preferring the configuration the tests were built in.</summary>
    public static string FindBuildOutput(string folder, string project, string assembly)
    {
#if DEBUG
        string[] configurations = ["Debug", "Release"];
#else
        string[] configurations = ["Release", "Debug"];
#endif
        foreach (var configuration in configurations)
        {
            var dll = RepositoryRoot.Combine(folder, project, "bin", configuration, "net10.0", assembly + ".dll");
            if (File.Exists(dll))
            {
                return dll;
            }
        }

        throw new FileNotFoundException($"{project} is not built: run dotnet build Observability.sln first");
    }
}
