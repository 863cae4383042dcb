using NATS.Client.Core;
using NATS.Client.JetStream;

namespace Observability.Cli;

/// <summary>One command's connection to the broker and its JetStream context.</summary>
public sealed class KitSession : IAsyncDisposable
{
    private KitSession(NatsConnection connection)
    {
        Connection = connection;
        Js = new NatsJSContext(connection);
    }

    public NatsConnection Connection { get; }

    public INatsJSContext Js { get; }

    /// <exception cref="BrokerUnreachableException">the server did not accept the connection.</exception>
    public static async Task<KitSession> ConnectAsync(string url, CancellationToken cancellationToken)
    {
        var connection = new NatsConnection(NatsOpts.Default with
        {
            Url = url,
            Name = "kit-cli",
            AuthOpts = CommonOptions.Credentials(),
            ConnectTimeout = TimeSpan.FromSeconds(3),
            // Bulk reads create consumers over a million subjects: the server may take seconds to answer.
            RequestTimeout = TimeSpan.FromSeconds(30),
        });
        try
        {
            await connection.ConnectAsync().AsTask().WaitAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is NatsException or TimeoutException or System.Net.Sockets.SocketException)
        {
            await connection.DisposeAsync();
            throw new BrokerUnreachableException(url, ex);
        }

        return new KitSession(connection);
    }

    public ValueTask DisposeAsync() => Connection.DisposeAsync();
}
