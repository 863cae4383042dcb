using Observability.Contracts.Topology;

namespace Observability.Operations.Poison;

/// <summary>What to poison: how many messages, of which kinds, on which stream (and order).</summary>
public sealed record PoisonOptions
{
    public int Count { get; init; } = 3;

    /// <summary><see cref="Streams.Orders"/> or <see cref="Streams.Clickstream"/>.</summary>
    public string Stream { get; init; } = Streams.Orders;

    /// <summary>ORDERS only: the order whose subject gets the messages; null for a fresh order id per run.</summary>
    public string? OrderId { get; init; }

    /// <summary>Kinds to publish, used in turn (a mix); default all of <see cref="PoisonKinds"/>.</summary>
    public IReadOnlyList<string> Kinds { get; init; } = PoisonKinds.All;

    /// <summary>Tagged as a load run's events (<c>kit-run-id</c>) when given, so an audit of that run sees them.</summary>
    public string? RunId { get; init; }
}
