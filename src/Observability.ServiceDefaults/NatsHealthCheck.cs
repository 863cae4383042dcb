using Microsoft.Extensions.Diagnostics.HealthChecks;
using NATS.Client.Core;
using NATS.Client.JetStream;
using Observability.Messaging.Topology;

namespace Observability.ServiceDefaults;

/// <summary>Ready when the NATS connection is open and every stream, consumer and bucket of the topology exists.</summary>
public sealed class NatsHealthCheck(NatsConnection connection, INatsJSContext js) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (connection.ConnectionState == NatsConnectionState.Reconnecting)
        {
            // ConnectAsync would wait for the reconnect loop, i.e. as long as the broker is down.
            return HealthCheckResult.Unhealthy($"NATS {connection.Opts.Url}: reconnecting");
        }

        if (connection.ConnectionState != NatsConnectionState.Open)
        {
            // Connecting is lazy: the first request opens it. Bounded, so a dead broker answers Unhealthy, not never.
            try
            {
                await connection.ConnectAsync().AsTask().WaitAsync(connection.Opts.RequestTimeout, cancellationToken);
            }
            catch (Exception ex) when (ex is NatsException or TimeoutException)
            {
                return HealthCheckResult.Unhealthy($"NATS {connection.Opts.Url}: {ex.Message}");
            }
        }

        return await JetStreamTopology.IsPresentAsync(js, cancellationToken)
            ? HealthCheckResult.Healthy($"NATS {connection.ConnectionState}, topology present")
            : HealthCheckResult.Unhealthy("JetStream topology missing");
    }
}
