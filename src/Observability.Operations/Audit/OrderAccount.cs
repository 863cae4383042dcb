using Observability.Contracts.Orders;

namespace Observability.Operations.Audit;

/// <summary>What the audit learns about one order while it reads the store: the fresh fold and where each message went.</summary>
internal sealed class OrderAccount(OrderSummary? summary)
{
    public OrderSummary? Summary { get; } = summary;

    /// <summary>A fresh fold of the order's readable, not dead-lettered events up to the summary's position.</summary>
    public OrderSummary? Expected { get; set; }

    public bool InScope { get; set; }

    public ulong LastSequence { get; set; }

    /// <summary>Summary sequences found among this order's stored messages (each stored sequence is seen once).</summary>
    public int AppliedFound { get; set; }

    public List<ulong>? Unaccounted { get; set; }

    public List<ulong>? Beyond { get; set; }

    public List<ulong>? DeadLettered { get; set; }

    public List<(ulong Sequence, string Detail)>? Wrong { get; set; }
}
