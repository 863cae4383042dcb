using Observability.Producer.Orders;

namespace Observability.Producer.Scheduling;

/// <summary>A lifecycle step that fell due: which order (its script), which step, and when it was meant to run.</summary>
internal sealed record DueOrderStep(OrderScript Script, int StepIndex, DateTimeOffset Due)
{
    public OrderStep Step => Script.Steps[StepIndex];
}
