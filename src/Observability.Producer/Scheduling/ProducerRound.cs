using Observability.Contracts.Clickstream;

namespace Observability.Producer.Scheduling;

/// <summary>What one scheduler round issues: order steps grouped by order (to run in order), and clicks to publish in one pipelined batch.</summary>
internal sealed record ProducerRound(IReadOnlyList<IReadOnlyList<DueOrderStep>> StepsByOrder, IReadOnlyList<(IClickEvent Event, string EventId)> Clicks)
{
    public int StepCount => StepsByOrder.Sum(g => g.Count);

    public bool IsEmpty => StepsByOrder.Count == 0 && Clicks.Count == 0;
}
