using System.Buffers;
using System.Net;

namespace Observability.LoadSimulator.Scenarios.Demo;

/// <summary>An HTTP client for load: nothing per request that the measurement does not need.</summary>
internal static class HttpBody
{
    /// <summary>
    /// A bare <see cref="SocketsHttpHandler"/> behind an <see cref="HttpMessageInvoker"/>: a bounded pool of kept-alive
    /// connections, no proxy lookup, cookies, decompression or trace-header propagation, and no HttpClient timeout
    /// timer per request (the run's cancellation and grace period bound an iteration instead).
    /// </summary>
    public static HttpMessageInvoker LoadClient(int maxConnections) => new(new SocketsHttpHandler
    {
        MaxConnectionsPerServer = Math.Max(1, maxConnections),
        PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
        PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5),
        UseProxy = false,
        UseCookies = false,
        AutomaticDecompression = DecompressionMethods.None,
        ActivityHeadersPropagator = null,
        ConnectTimeout = TimeSpan.FromSeconds(10),
    });

    /// <summary>Reads the body to its end into a pooled buffer; returns its length. The bytes are not kept.</summary>
    public static async Task<long> DrainAsync(HttpContent content, CancellationToken cancellationToken)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(16 * 1024);
        try
        {
            await using var stream = await content.ReadAsStreamAsync(cancellationToken);
            long total = 0;
            int read;
            while ((read = await stream.ReadAsync(buffer, cancellationToken)) > 0)
            {
                total += read;
            }

            return total;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
