namespace Observability.ServiceDefaults;

/// <summary>Telemetry settings, bound from the <c>Telemetry</c> section. OTLP export itself follows the standard <c>OTEL_*</c> variables.</summary>
public sealed record TelemetryOptions
{
    public const string Section = "Telemetry";

    /// <summary>
    /// Head sampling ratio for new traces (0..1). Children follow their parent's decision, which travels in
    /// <c>traceparent</c> across the broker, so a trace is whole or absent, never torn. Default 1 (every trace).
    /// </summary>
    public double SamplingRatio { get; init; } = 1.0;

    /// <summary>
    /// Also record NATS.Net's own client spans for the kit's subjects (never <c>$JS.API</c>, <c>_INBOX</c>, <c>$KV</c>,
    /// pull requests or acks). Default false: the kit's own publish and process spans already carry the messaging
    /// conventions, and NATS.Net adds two more Producer spans per JetStream publish, a measurable cost (docs/benchmarks.md).
    /// Turn on to see the client's internals under the kit's spans.
    /// </summary>
    public bool NatsClientSpans { get; init; }
}
