namespace Observability.Producer.Orders;

/// <summary>The commands of an order's lifecycle, in the words of the metric label <c>command</c>.</summary>
internal enum OrderStepKind
{
    Place,
    AuthorizePayment,
    DeclinePayment,
    Ship,
    Cancel,
}
