namespace Observability.Testing;

/// <summary>
/// A real nats-server with the real processors and the real API started as processes from their build output (build
/// the solution first): the local pipeline a load run or a chaos run drives.
/// </summary>
public sealed class PipelineProcesses : IAsyncDisposable
{
    private PipelineProcesses(NatsServer nats, ExternalProcess processors, string processorsUrl, ExternalProcess api, string apiUrl)
    {
        Nats = nats;
        Processors = processors;
        ProcessorsUrl = processorsUrl;
        Api = api;
        ApiUrl = apiUrl;
    }

    public NatsServer Nats { get; }

    public ExternalProcess Processors { get; }

    public string ProcessorsUrl { get; }

    public ExternalProcess Api { get; }

    public string ApiUrl { get; }

    public static async Task<PipelineProcesses> StartAsync(CancellationToken cancellationToken)
    {
        var nats = await NatsServer.StartAsync(cancellationToken);
        var (processors, processorsUrl) = await KitService.StartAsync("Observability.Processors", nats.Url, cancellationToken: cancellationToken);
        var (api, apiUrl) = await KitService.StartAsync("Observability.Api", nats.Url, cancellationToken: cancellationToken);
        return new PipelineProcesses(nats, processors, processorsUrl, api, apiUrl);
    }

    public async ValueTask DisposeAsync()
    {
        await Api.DisposeAsync();
        await Processors.DisposeAsync();
        await Nats.DisposeAsync();
    }
}
