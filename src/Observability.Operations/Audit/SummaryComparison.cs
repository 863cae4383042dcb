using Observability.Contracts.Orders;

namespace Observability.Operations.Audit;

/// <summary>
/// Compares the content of a stored summary with a fresh fold. The bookkeeping fields (applied and dead-lettered
/// sequences, event count, position) are checked by their own rules, which name the fault more precisely.
/// </summary>
internal static class SummaryComparison
{
    /// <summary>The first field that differs, as "field: stored X, expected Y"; null when the content is the same.</summary>
    public static string? FirstDifference(OrderSummary stored, OrderSummary? expected)
    {
        if (expected is null)
        {
            return stored.EventCount > 0 || stored.Status != OrderStatus.None
                ? $"status: stored {stored.Status} with {stored.EventCount} events, but no readable event of the order is at or below its position {stored.LastAppliedSequence}"
                : null;
        }

        return Differs("status", stored.Status, expected.Status)
            ?? Differs("customerId", stored.CustomerId, expected.CustomerId)
            ?? Differs("total", stored.Total, expected.Total)
            ?? Differs("currency", stored.Currency, expected.Currency)
            ?? Differs("lineCount", stored.LineCount, expected.LineCount)
            ?? Differs("itemCount", stored.ItemCount, expected.ItemCount)
            ?? Differs("placedAt", stored.PlacedAt, expected.PlacedAt)
            ?? Differs("updatedAt", stored.UpdatedAt, expected.UpdatedAt)
            ?? Differs("carrier", stored.Carrier, expected.Carrier)
            ?? Differs("trackingNumber", stored.TrackingNumber, expected.TrackingNumber)
            ?? Differs("reason", stored.Reason, expected.Reason);
    }

    private static string? Differs<T>(string field, T stored, T expected) =>
        EqualityComparer<T>.Default.Equals(stored, expected) ? null : $"{field}: stored {stored?.ToString() ?? "null"}, expected {expected?.ToString() ?? "null"}";
}
