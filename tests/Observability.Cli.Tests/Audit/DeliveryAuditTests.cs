using System.Text;
using NATS.Client.Core;
using NATS.Client.JetStream;
using Observability.Contracts.Orders;
using Observability.Contracts.Topology;
using Observability.Operations.Audit;
using Observability.Orders.Summaries;
using Observability.Testing;

namespace Observability.Cli.Tests.Audit;

[Collection(NatsCollection.Name)]
public sealed class DeliveryAuditTests(NatsServerFixture nats) : JetStreamTest(nats)
{
    private OrderWorld _world = null!;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        _world = new OrderWorld(Js);
    }

    [Fact]
    public async Task Summaries_folded_from_the_stored_events_give_no_finding()
    {
        await _world.PlaceAsync(20, Token);
        await _world.WriteCorrectSummariesAsync(Token);
        await OrderWorld.CatchUpAsync(Js, Streams.Orders, Consumers.OrderSummary, Token);

        var report = await AuditAsync();

        Assert.False(report.HasFailures, Describe(report));
        Assert.Equal(20, report.Orders.Orders);
        Assert.Equal(20, report.Orders.Checked);
        Assert.Empty(report.Orders.Findings.Counts);
    }

    [Fact]
    public async Task A_deleted_summary_is_reported_as_lost()
    {
        await _world.PlaceAsync(5, Token);
        await _world.WriteCorrectSummariesAsync(Token);
        var victim = _world.Orders.Keys.First();
        await _world.DeleteSummaryAsync(victim, Token);
        await OrderWorld.CatchUpAsync(Js, Streams.Orders, Consumers.OrderSummary, Token);

        var report = await AuditAsync();

        Assert.True(report.HasFailures);
        Assert.Equal(1, report.Orders.Findings[FindingKinds.Lost]);
        var finding = Assert.Single(report.Orders.Findings.Examples);
        Assert.Equal(victim, finding.Key);
        Assert.Equal(_world.Orders[victim].Select(e => e.Sequence), finding.Sequences);
        Assert.Equal(4, report.Orders.Checked);
    }

    [Fact]
    public async Task A_summary_with_an_event_applied_twice_is_reported_as_applied_twice()
    {
        await _world.PlaceAsync(3, Token);
        await _world.WriteCorrectSummariesAsync(Token);
        var victim = _world.Orders.Keys.First();
        var (second, sequence) = _world.Orders[victim][1];
        await _world.WriteSummaryAsync(OrderSummaryFold.Apply(_world.Folded(victim), second, sequence), Token);
        await OrderWorld.CatchUpAsync(Js, Streams.Orders, Consumers.OrderSummary, Token);

        var report = await AuditAsync();

        Assert.Equal(1, report.Orders.Findings[FindingKinds.AppliedTwice]);
        Assert.Contains(report.Orders.Findings.Examples, f => f.Kind == FindingKinds.AppliedTwice && f.Key == victim && f.Sequences.SequenceEqual([sequence]));
        Assert.True(report.HasFailures);
    }

    [Fact]
    public async Task A_stale_summary_is_reported_as_lost_once_the_consumer_has_acked_the_newer_events()
    {
        await _world.PlaceAsync(2, Token);
        await _world.WriteCorrectSummariesAsync(Token);
        var victim = _world.Orders.Keys.First();
        await _world.WriteSummaryAsync(_world.Folded(victim, events: 1), Token);
        await OrderWorld.CatchUpAsync(Js, Streams.Orders, Consumers.OrderSummary, Token);

        var report = await AuditAsync();

        var lost = Assert.Single(report.Orders.Findings.Examples, f => f.Kind == FindingKinds.Lost);
        Assert.Equal(victim, lost.Key);
        Assert.Equal(_world.Orders[victim].Skip(1).Select(e => e.Sequence), lost.Sequences);
    }

    [Fact]
    public async Task A_summary_whose_content_differs_from_the_fold_is_reported_as_wrong()
    {
        await _world.PlaceAsync(2, Token);
        await _world.WriteCorrectSummariesAsync(Token);
        var victim = _world.Orders.Keys.First();
        await _world.WriteSummaryAsync(_world.Folded(victim) with { Total = 1000m }, Token);
        await OrderWorld.CatchUpAsync(Js, Streams.Orders, Consumers.OrderSummary, Token);

        var report = await AuditAsync();

        var wrong = Assert.Single(report.Orders.Findings.Examples);
        Assert.Equal(FindingKinds.Wrong, wrong.Kind);
        Assert.Contains("total", wrong.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_summary_that_applied_events_out_of_order_is_reported_as_out_of_order()
    {
        await _world.PlaceAsync(2, Token);
        await _world.WriteCorrectSummariesAsync(Token);
        var victim = _world.Orders.Keys.First();
        var events = _world.Orders[victim];
        var reversed = events.AsEnumerable().Reverse().Aggregate((OrderSummary?)null, (s, e) => OrderSummaryFold.Apply(s, e.Event, e.Sequence))!;
        await _world.WriteSummaryAsync(reversed with { LastAppliedSequence = events[^1].Sequence }, Token);
        await OrderWorld.CatchUpAsync(Js, Streams.Orders, Consumers.OrderSummary, Token);

        var report = await AuditAsync();

        Assert.Equal(1, report.Orders.Findings[FindingKinds.OutOfOrder]);
        Assert.True(report.HasFailures);
    }

    [Fact]
    public async Task Events_the_consumer_has_not_acked_yet_are_pending_not_lost()
    {
        await OrderWorld.CatchUpAsync(Js, Streams.Orders, Consumers.OrderSummary, Token);
        await _world.PlaceAsync(3, Token);

        var report = await AuditAsync();

        Assert.False(report.HasFailures, Describe(report));
        Assert.Equal(3, report.Orders.Findings[FindingKinds.Pending]);
        var inFlight = Assert.Single(report.InFlight);
        Assert.Equal(Consumers.OrderSummary, inFlight.Consumer);
        await OrderWorld.CatchUpAsync(Js, Streams.Orders, Consumers.OrderSummary, Token);
    }

    [Fact]
    public async Task An_unreadable_message_recorded_as_dead_lettered_by_the_summary_is_no_failure()
    {
        await _world.PlaceAsync(1, Token);
        var orderId = _world.Orders.Keys.Single();
        var headers = new NatsHeaders { [MessageHeaders.LoadRunId] = _world.RunId };
        var ack = await Js.PublishAsync(Subjects.Order(orderId), Encoding.UTF8.GetBytes("{not json"), headers: headers, cancellationToken: Token);
        ack.EnsureSuccess();
        await _world.WriteSummaryAsync(OrderSummaryFold.Skip(_world.Folded(orderId), orderId, ack.Seq, "unreadable", "no headers"), Token);
        await OrderWorld.CatchUpAsync(Js, Streams.Orders, Consumers.OrderSummary, Token);

        var report = await AuditAsync();

        Assert.False(report.HasFailures, Describe(report));
        Assert.Equal(1, report.Orders.Unreadable);
        Assert.Equal(1, report.Orders.Findings[FindingKinds.DeadLettered]);
    }

    private Task<AuditReport> AuditAsync() =>
        new DeliveryAudit(Js).RunAsync(new AuditOptions { RunId = _world.RunId, Engagement = false }, Token);

    private static string Describe(AuditReport report) =>
        string.Join("; ", report.Orders.Findings.Examples.Select(f => $"{f.Kind} {f.Key} [{string.Join(",", f.Sequences)}] {f.Detail}"));
}
