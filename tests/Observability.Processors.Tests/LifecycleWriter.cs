using NATS.Client.JetStream;
using Observability.Contracts.Events;
using Observability.Contracts.Orders;
using Observability.Messaging.Publishing;

namespace Observability.Processors.Tests;

/// <summary>
/// Writes order lifecycles (placed, authorized, shipped or cancelled) as a producer does: rounds interleave many
/// orders, each append with its order's expected last sequence.
/// </summary>
internal sealed class LifecycleWriter(INatsJSContext js)
{
    private readonly EventPublisher _publisher = new(js);
    private readonly string _prefix = "x" + Guid.NewGuid().ToString("N")[..8];
    private readonly List<(string Id, int Step, ulong Last)> _open = [];
    private readonly List<string> _all = [];
    private readonly DateTimeOffset _t0 = DateTimeOffset.UtcNow.AddMinutes(-10);

    public IReadOnlyList<string> OrderIds => _all;

    /// <summary>Writes every order's full lifecycle at once, round by round.</summary>
    public async Task<IReadOnlyList<string>> WriteAsync(int orders, Func<int, bool> withPreviousSequence, CancellationToken cancellationToken)
    {
        var ids = Enumerable.Range(0, orders).Select(o => $"{_prefix}-{_all.Count + o}").ToArray();
        _all.AddRange(ids);
        var last = new ulong[orders];
        for (var step = 0; step < 3; step++)
        {
            var results = await _publisher.PublishManyAsync(
                ids.Select((id, o) => (Event(id, step), (PublishOptions?)(withPreviousSequence(o) ? new PublishOptions { ExpectedLastSubjectSequence = last[o] } : null))),
                cancellationToken);
            for (var o = 0; o < orders; o++)
            {
                last[o] = results[o].Sequence;
            }
        }

        return ids;
    }

    /// <summary>One tick of a steady stream: <paramref name="newOrders"/> placed, every open order one step further.</summary>
    public async Task TickAsync(int newOrders, CancellationToken cancellationToken)
    {
        for (var i = 0; i < newOrders; i++)
        {
            var id = $"{_prefix}-{_all.Count}";
            _all.Add(id);
            _open.Add((id, 0, 0));
        }

        var batch = _open.Select(o => (Event(o.Id, o.Step), (PublishOptions?)new PublishOptions { ExpectedLastSubjectSequence = o.Last })).ToList();
        var results = await _publisher.PublishManyAsync(batch, cancellationToken);
        for (var i = _open.Count - 1; i >= 0; i--)
        {
            var (id, step, _) = _open[i];
            if (step == 2)
            {
                _open.RemoveAt(i);
            }
            else
            {
                _open[i] = (id, step + 1, results[i].Sequence);
            }
        }
    }

    /// <summary>Finishes every open lifecycle.</summary>
    public async Task FinishAsync(CancellationToken cancellationToken)
    {
        while (_open.Count > 0)
        {
            await TickAsync(0, cancellationToken);
        }
    }

    private IEvent Event(string id, int step)
    {
        var n = id.GetHashCode() & 0xffff;
        return step switch
        {
            0 => new OrderPlaced(id, $"c-{n % 17}", [new OrderLine("SKU-" + (n % 5), 1 + (n % 3), 10m + (n % 50))], (1 + (n % 3)) * (10m + (n % 50)), "EUR", _t0),
            1 => new PaymentAuthorized(id, (1 + (n % 3)) * (10m + (n % 50)), "EUR", _t0.AddSeconds(1)),
            _ => n % 4 == 0 ? new OrderCancelled(id, "changed mind", _t0.AddSeconds(2)) : new OrderShipped(id, "DHL", "T-" + n, _t0.AddSeconds(2)),
        };
    }
}
