using System.Diagnostics;
using NATS.Net;
using Observability.Contracts.Topology;
using Observability.Operations.Audit;
using Xunit.Abstractions;

namespace Observability.Cluster.Tests;

/// <summary>
/// The producer publishing and two processor replicas consuming on a real three-node cluster with an R3 topology, while
/// nodes die or restart: every run must store exactly the events of the calm reference run, each once, and the delivery
/// audit must find nothing lost, doubled or wrong. Failover times and publish-error windows are written to the output.
/// </summary>
[Collection(ClusterCollection.Name)]
[Trait("Category", "Cluster")]
public sealed class ClusterFaultTests(ReferenceRun reference, ITestOutputHelper output) : IAsyncLifetime
{
    private readonly CancellationTokenSource _timeout = new(TimeSpan.FromSeconds(150));
    private readonly Stopwatch _test = Stopwatch.StartNew();
    private ClusterPipeline _pipeline = null!;
    private Leaders _leaders = null!;
    private PublishProbe _probe = null!;

    private CancellationToken Token => _timeout.Token;

    private NatsCluster Cluster => _pipeline.Cluster;

    public async Task InitializeAsync()
    {
        _pipeline = await ClusterPipeline.StartAsync(ProducerRun.ProcessorSettings, ProducerRun.Settings(ProducerRun.Duration), processorReplicas: 2, Token);
        _leaders = new Leaders(Cluster);
        _probe = PublishProbe.Start(Cluster);
        output.WriteLine($"pipeline started in {_test.Elapsed.TotalSeconds:F1} s");
    }

    public async Task DisposeAsync()
    {
        await _probe.DisposeAsync();
        await _leaders.DisposeAsync();
        await _pipeline.DisposeAsync();
        output.WriteLine($"test took {_test.Elapsed.TotalSeconds:F1} s");
        _timeout.Dispose();
    }

    [Fact]
    public async Task Killing_the_stream_leader_with_kill_9_elects_a_new_leader_and_loses_doubles_and_corrupts_nothing()
    {
        await AssertReplicatedThreeTimesAsync();
        await WaitEventsFlowingAsync();

        var leader = (await _leaders.OfStreamAsync(Streams.Orders, Token))!;
        var killed = Stopwatch.StartNew();
        await Cluster.Node(leader).KillAsync();
        var (next, after) = await Leaders.WaitNewAsync(t => _leaders.OfStreamAsync(Streams.Orders, t), leader, killed, Token);
        output.WriteLine($"ORDERS leader {leader} killed (kill -9): {next} leads after {after.TotalMilliseconds:F0} ms");

        await AssertRunExactAsync(restart: Cluster.Node(leader));
    }

    [Fact]
    public async Task Killing_the_node_of_the_consumer_leader_moves_the_durable_and_loses_doubles_and_corrupts_nothing()
    {
        await AssertReplicatedThreeTimesAsync();
        await WaitEventsFlowingAsync();

        var leader = (await _leaders.OfConsumerAsync(Streams.Orders, Consumers.OrderSummary, Token))!;
        var streamLeader = await _leaders.OfStreamAsync(Streams.Orders, Token);
        var killed = Stopwatch.StartNew();
        await Cluster.Node(leader).KillAsync();
        var (next, after) = await Leaders.WaitNewAsync(t => _leaders.OfConsumerAsync(Streams.Orders, Consumers.OrderSummary, t), leader, killed, Token);
        output.WriteLine($"{Consumers.OrderSummary} leader {leader} killed (kill -9; it also led ORDERS: {streamLeader == leader}): {next} leads after {after.TotalMilliseconds:F0} ms");

        await AssertRunExactAsync(restart: Cluster.Node(leader));
    }

    [Fact]
    public async Task A_rolling_restart_of_all_three_nodes_one_by_one_loses_doubles_and_corrupts_nothing()
    {
        await AssertReplicatedThreeTimesAsync();
        await WaitEventsFlowingAsync();

        foreach (var node in Cluster.Nodes)
        {
            var step = Stopwatch.StartNew();
            await node.StopAsync(Token);
            var stopped = step.Elapsed;
            await Cluster.WaitMetaLeaderAsync(TimeSpan.FromSeconds(30), Token);
            await node.RestartAsync(Token);
            // The next node goes down only once this one has caught up, or the streams would lose their quorum.
            await Eventually.UntilAsync(
                async () => await _leaders.AllCurrentAsync(Streams.Orders, Token) && await _leaders.AllCurrentAsync("KV_" + Buckets.OrderSummaries, Token),
                timeout: TimeSpan.FromSeconds(45), because: $"{node.ServerName} is current again on ORDERS and the summaries bucket");
            output.WriteLine($"{node.ServerName} stopped (SIGTERM) in {stopped.TotalMilliseconds:F0} ms, back and current after {step.Elapsed.TotalMilliseconds:F0} ms; producer still running: {!_pipeline.Producer.HasExited}");
        }

        await AssertRunExactAsync();
    }

    /// <summary>Streams, KV buckets and the durable all have three replicas: a leader and two followers.</summary>
    private async Task AssertReplicatedThreeTimesAsync()
    {
        await using var client = Cluster.CreateClient();
        var js = client.CreateJetStreamContext();
        string[] streams = [Streams.Orders, Streams.Clickstream, Streams.DeadLetter, .. new[] { Buckets.OrderSummaries, Buckets.EngagementWindows, Buckets.Faults }.Select(b => "KV_" + b)];
        foreach (var name in streams)
        {
            var info = await WhenLedAsync(async () => (await js.GetStreamAsync(name, cancellationToken: Token)).Info, i => i.Cluster);
            Assert.Equal(3, info.Config.NumReplicas);
            Assert.Equal(2, info.Cluster?.Replicas?.Count);
        }

        var consumer = await WhenLedAsync(async () => (await js.GetConsumerAsync(Streams.Orders, Consumers.OrderSummary, Token)).Info, i => i.Cluster);
        Assert.Equal(2, consumer.Cluster?.Replicas?.Count);
    }

    /// <summary>
    /// The services report healthy once connected and create the topology in the background, and a new R3 stream or
    /// durable lists all three peers until it has elected its leader: read it once it exists and is led (up to 30 s).
    /// </summary>
    private async Task<T> WhenLedAsync<T>(Func<Task<T>> read, Func<T, NATS.Client.JetStream.Models.ClusterInfo?> cluster)
    {
        var waited = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                var info = await read();
                if (cluster(info) is { Leader.Length: > 0 } || waited.Elapsed > TimeSpan.FromSeconds(30))
                {
                    return info;
                }
            }
            catch (Exception ex) when (ex is NATS.Client.Core.NatsException or TimeoutException && waited.Elapsed < TimeSpan.FromSeconds(30))
            {
                // Not created yet (404), or the meta leader did not answer while the topology is being created.
            }

            await Task.Delay(100, Token);
        }
    }

    private async Task WaitEventsFlowingAsync()
    {
        await using var client = Cluster.CreateClient();
        var js = client.CreateJetStreamContext();
        await Eventually.UntilAsync(async () => (await js.GetStreamAsync(Streams.Orders, cancellationToken: Token)).Info.State.Messages >= 100,
            timeout: TimeSpan.FromSeconds(30), because: "the producer's orders are being stored");
    }

    /// <summary>
    /// The producer finished; the run stored the reference run's events, each once; the audit passes. A killed node is
    /// started again first, as an operator would: the audit's scan consumers are R1 and may be placed on a dead peer.
    /// </summary>
    private async Task AssertRunExactAsync(NatsClusterNode? restart = null)
    {
        Assert.Equal(0, await _pipeline.Producer.WaitForExitAsync(TimeSpan.FromSeconds(90), Token));
        output.WriteLine($"producer done at {_test.Elapsed.TotalSeconds:F1} s");
        if (restart is not null)
        {
            var back = Stopwatch.StartNew();
            await restart.RestartAsync(Token);
            await Eventually.UntilAsync(
                async () => await _leaders.AllCurrentAsync(Streams.Orders, Token) && await _leaders.AllCurrentAsync("KV_" + Buckets.OrderSummaries, Token),
                timeout: TimeSpan.FromSeconds(45), because: $"{restart.ServerName} is current again on ORDERS and the summaries bucket");
            output.WriteLine($"{restart.ServerName} restarted and current after {back.Elapsed.TotalMilliseconds:F0} ms");
        }

        // The audit's scan consumers are R1 and may sit on any replica: audit once every replica holds every message.
        await Eventually.UntilAsync(
            async () => await _leaders.AllCurrentAsync(Streams.Orders, Token) && await _leaders.AllCurrentAsync("KV_" + Buckets.OrderSummaries, Token),
            timeout: TimeSpan.FromSeconds(45), because: "every replica of ORDERS and the summaries bucket has caught up");

        foreach (var line in _pipeline.Producer.Output.Where(l => l.Contains("Producer", StringComparison.Ordinal) && l.Contains("\"Warning\"", StringComparison.Ordinal)))
        {
            output.WriteLine("producer: " + line.Trim());
        }

        var probe = await _probe.StopAsync();
        output.WriteLine($"publish probe: {probe.Acked} acked, {probe.Failed} failed, longest stretch without an ack {probe.ErrorWindow.TotalMilliseconds:F0} ms");

        await using var client = Cluster.CreateClient();
        var stored = await StoredEvents.IdsAsync(client, ProducerRun.RunId, Token);
        foreach (var stream in new[] { Streams.Orders, Streams.Clickstream })
        {
            Assert.Empty(stored[stream].GroupBy(id => id).Where(g => g.Count() > 1).Select(g => g.Key));
            Assert.Empty(reference.EventIds[stream].Except(stored[stream]));
            Assert.Empty(stored[stream].Except(reference.EventIds[stream]));
        }

        var audit = await new DeliveryAudit(client.CreateJetStreamContext()).RunAsync(
            new AuditOptions { RunId = ProducerRun.RunId, Engagement = false, Wait = TimeSpan.FromSeconds(60) }, Token);
        Assert.Equal(reference.Orders, audit.Orders.Orders);
        Assert.Equal(reference.Orders, audit.Orders.Checked);
        foreach (var kind in FindingKinds.Failures)
        {
            Assert.True(audit.Orders.Findings[kind] == 0, $"{audit.Orders.Findings[kind]} order(s) {kind}: {string.Join("; ", audit.Orders.Findings.Examples)}");
        }

        Assert.False(audit.HasFailures);
        output.WriteLine($"audited at {_test.Elapsed.TotalSeconds:F1} s");
        output.WriteLine($"audit: {audit.Orders.Orders} orders, {stored[Streams.Orders].Count} order events and {stored[Streams.Clickstream].Count} clicks stored once each, 0 lost, 0 doubled, 0 wrong");
    }
}
