using Prometheus;

namespace Observability.Api.Telemetry;

/// <summary>The API's own metrics (docs/metrics.md lists them); HTTP metrics come from prometheus-net.AspNetCore.</summary>
internal static class ApiMetrics
{
    public static readonly Counter ReadYourWrites = Metrics.CreateCounter(
        "kit_read_your_writes_total",
        "Queries that asked for a minimum sequence: served at once, after waiting, or answered stale.",
        "outcome");

    /// <summary>Outcome label values of <see cref="ReadYourWrites"/>.</summary>
    public static class Outcome
    {
        public const string Fresh = "fresh";
        public const string Waited = "waited";
        public const string Stale = "stale";
    }
}
