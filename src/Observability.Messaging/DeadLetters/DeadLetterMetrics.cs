using Prometheus;

namespace Observability.Messaging.DeadLetters;

/// <summary>Letters filed in the DEADLETTER stream, counted where they are written.</summary>
public static class DeadLetterMetrics
{
    public static readonly Counter DeadLetters = Metrics.CreateCounter(
        "kit_dead_letters_total", "Messages written to the DEADLETTER stream, by reason.", "stream", "consumer", "reason");
}
