using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Observability.Api.Tests;

/// <summary>The real API (Program) in-process, pointed at a real nats-server through configuration.</summary>
public sealed class ApiFactory(string natsUrl, IReadOnlyDictionary<string, string>? settings = null) : WebApplicationFactory<Program>
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        builder.UseSetting("Nats:Url", natsUrl);
        // A broker that is down must fail fast in tests, not after the default 5 s.
        builder.UseSetting("Nats:RequestTimeout", "00:00:02");
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            builder.UseSetting(key, value);
        }
    }
}
