using Microsoft.Extensions.DependencyInjection;
using Observability.ServiceDefaults;
using Observability.Testing;

namespace Observability.Api.Tests;

/// <summary>The API and the real processors in-process against one nats-server of their own, for tests that need both.</summary>
public sealed class InProcessPipeline : IAsyncDisposable
{
    private InProcessPipeline(NatsServer nats, ApiFactory api, ProcessorsFactory processors)
    {
        Nats = nats;
        Api = api;
        Processors = processors;
        Client = api.CreateClient();
    }

    public NatsServer Nats { get; }

    public ApiFactory Api { get; }

    public ProcessorsFactory Processors { get; }

    public HttpClient Client { get; }

    public static async Task<InProcessPipeline> StartAsync(CancellationToken cancellationToken)
    {
        var nats = await NatsServer.StartAsync(cancellationToken);
        var pipeline = new InProcessPipeline(
            nats, new ApiFactory(nats.Url, new Dictionary<string, string> { ["Telemetry:NatsClientSpans"] = "false" }), new ProcessorsFactory(nats.Url));
        await pipeline.Api.Services.GetRequiredService<TopologyInitializer>().Ready.WaitAsync(cancellationToken);
        await pipeline.Processors.Services.GetRequiredService<TopologyInitializer>().Ready.WaitAsync(cancellationToken);
        return pipeline;
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await Processors.DisposeAsync();
        await Api.DisposeAsync();
        await Nats.DisposeAsync();
    }
}
