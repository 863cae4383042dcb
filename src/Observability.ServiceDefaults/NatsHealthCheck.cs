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
        if (connection.ConnectionState != NatsConnectionState.Open)
        {
            // Connecting is lazy: the first request opens it.
            try
            {
                await connection.ConnectAsync();
            }
            catch (NatsException ex)
            {
                return HealthCheckResult.Unhealthy($"NATS {connection.Opts.Url}: {ex.Message}");
            }
        }

        return await JetStreamTopology.IsPresentAsync(js, cancellationToken)
            ? HealthCheckResult.Healthy($"NATS {connection.ConnectionState}, topology present")
            : HealthCheckResult.Unhealthy("JetStream topology missing");
    }
}
