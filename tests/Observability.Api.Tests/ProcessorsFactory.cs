extern alias processors;

using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Observability.Api.Tests;

/// <summary>The real processors worker in-process (order-summary role only), pointed at the same nats-server as the API.</summary>
public sealed class ProcessorsFactory(string natsUrl) : WebApplicationFactory<processors::Program>
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        builder.UseSetting("Nats:Url", natsUrl);
        builder.UseSetting("Processors:Roles:0", "order-summary");
        // The kit's own publish and process spans, no NATS.Net client spans between them: parentage is then exact.
        builder.UseSetting("Telemetry:NatsClientSpans", "false");
    }
}
