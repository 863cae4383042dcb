using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;

namespace Observability.Stack.Tests.Support;

/// <summary>An HTTP endpoint on a free loopback port that keeps every JSON body POSTed to it (Alertmanager's webhooks).</summary>
internal sealed class WebhookReceiver : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly ConcurrentQueue<JsonElement> _received = new();
    private readonly Task _loop;

    public WebhookReceiver()
    {
        Url = $"http://127.0.0.1:{NatsServer.FreePort()}/alerts/";
        _listener.Prefixes.Add(Url);
        _listener.Start();
        _loop = Task.Run(AcceptAsync);
    }

    public string Url { get; }

    public IReadOnlyList<JsonElement> Received => _received.ToList();

    public void Dispose()
    {
        _listener.Close();
        try
        {
            _loop.Wait(TimeSpan.FromSeconds(5));
        }
        catch (AggregateException)
        {
        }
    }

    private async Task AcceptAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException)
            {
                return;
            }

            using (var body = new StreamReader(context.Request.InputStream))
            {
                _received.Enqueue(JsonDocument.Parse(await body.ReadToEndAsync()).RootElement.Clone());
            }

            context.Response.StatusCode = 200;
            context.Response.Close();
        }
    }
}
