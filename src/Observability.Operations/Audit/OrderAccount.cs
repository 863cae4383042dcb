using Observability.Contracts.Orders;

namespace Observability.Operations.Audit;

/// <summary>
/// What the audit learns about one order while it reads the store. Kept small on purpose, a million of them live at
/// once: the summary stays as its raw bytes (one pointer-free array) until the order's first event, and once the
/// fold reaches the summary's position the verdict is taken and only sequence numbers are kept.
/// </summary>
internal sealed class OrderAccount
{
    public required string OrderId { get; init; }

    /// <summary>The stored summary's JSON, until it is first needed.</summary>
    public byte[]? SummaryBytes { get; set; }

    /// <summary>The stored summary, from its first event until the content comparison.</summary>
    public OrderSummary? Summary { get; set; }

    public bool HasSummary { get; set; }

    public ulong[] Applied { get; set; } = [];

    public ulong[] RecordedDeadLetters { get; set; } = [];

    public ulong LastAppliedSequence { get; set; }

    /// <summary>A fresh fold of the order's readable, not dead-lettered events up to the summary's position.</summary>
    public OrderSummary? Expected { get; set; }

    /// <summary>Set once the fold reached the summary's position: the content verdict (null = same).</summary>
    public bool Compared { get; set; }

    public string? ContentDifference { get; set; }

    public bool InScope { get; set; }

    /// <summary>True once a message of the order was seen in ORDERS.</summary>
    public bool Stored { get; set; }

    public ulong LastSequence { get; set; }

    /// <summary>Summary sequences found among this order's stored messages (each stored sequence is seen once).</summary>
    public int AppliedFound { get; set; }

    /// <summary>Findings about the summary alone (applied twice, out of order), taken when it was read.</summary>
    public List<(string Kind, IReadOnlyList<ulong> Sequences, string Detail)>? SummaryFindings { get; set; }

    public int DistinctApplied { get; set; }

    public List<ulong>? Unaccounted { get; set; }

    public List<ulong>? Beyond { get; set; }

    public List<ulong>? DeadLettered { get; set; }

    public List<(ulong Sequence, string Detail)>? Wrong { get; set; }
}
