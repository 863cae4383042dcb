namespace Observability.BrokerExporter.Monitoring;

/// <summary>
/// One stream as the cluster sees it, merged from every server's /jsz: each server reports its own copy, and only the
/// leader knows which replicas are current, so the leader's report is the one that counts.
/// </summary>
internal sealed record StreamView(
    string Stream,
    string? Leader,
    int Replicas,
    int ReplicasCurrent,
    long Messages,
    long Bytes,
    long Consumers)
{
    public int ReplicasLagging => Math.Max(0, Replicas - ReplicasCurrent);

    public static IReadOnlyList<StreamView> Merge(IEnumerable<ServerReport> reports)
    {
        var copies = reports
            .Where(r => r.Up && r.Varz is not null && r.Jsz is not null)
            .SelectMany(r => (r.Jsz!.Accounts ?? []).SelectMany(a => a.Streams ?? []).Select(s => (Server: r.Varz!.ServerName, Stream: s)))
            .GroupBy(c => c.Stream.Name, StringComparer.Ordinal);

        return copies.Select(g => From(g.Key, g.ToList())).OrderBy(v => v.Stream, StringComparer.Ordinal).ToList();
    }

    private static StreamView From(string name, IReadOnlyList<(string Server, JszStream Stream)> copies)
    {
        // Not clustered (a single server): the server holding the stream leads it and is its only replica.
        var single = copies.FirstOrDefault(c => string.IsNullOrEmpty(c.Stream.Cluster?.Name));
        if (single.Stream is not null)
        {
            return new StreamView(name, single.Server, 1, 1, single.Stream.State.Messages, single.Stream.State.Bytes, single.Stream.State.ConsumerCount);
        }

        var replicas = copies.Select(c => c.Stream.Config?.NumReplicas ?? 0).DefaultIfEmpty(0).Max();
        var leading = copies.FirstOrDefault(c => !string.IsNullOrEmpty(c.Stream.Cluster?.Leader) && c.Stream.Cluster!.Leader == c.Server);
        if (leading.Stream is null)
        {
            // No server says it leads: no leader (an election under way, or no quorum). Figures from any copy.
            var any = copies[0].Stream;
            return new StreamView(name, null, replicas, 0, any.State.Messages, any.State.Bytes, any.State.ConsumerCount);
        }

        var currentPeers = (leading.Stream.Cluster!.Replicas ?? []).Count(p => p.Current && !p.Offline);
        var state = leading.Stream.State;
        return new StreamView(name, leading.Server, Math.Max(replicas, 1), Math.Min(1 + currentPeers, Math.Max(replicas, 1)), state.Messages, state.Bytes, state.ConsumerCount);
    }
}
