using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using NATS.Client.Core;
using NATS.Client.JetStream;
using NATS.Client.JetStream.Models;
using Observability.Contracts.Events;
using Observability.Contracts.Orders;
using Observability.Contracts.Topology;
using Observability.Messaging.Topology;
using Observability.Operations.Audit;
using Observability.Orders.Summaries;

namespace Observability.Benchmarks;

/// <summary>
/// <c>--mode audit</c>: fills the fresh server with N orders (events published pipelined in the kit's wire format,
/// summaries folded with <see cref="OrderSummaryFold"/> and written straight to the bucket, no processor), then
/// times <see cref="DeliveryAudit"/> over all of it. The audit must find nothing, or the figure is void.
/// </summary>
internal static class AuditBenchmark
{
    private static readonly DateTimeOffset At = DateTimeOffset.Parse("2026-01-01T10:00:00Z", CultureInfo.InvariantCulture);

    public static async Task<Dictionary<string, object>> RunAsync(INatsJSContext js, BenchOptions options, CancellationToken cancellationToken)
    {
        await KitPipeline.ResetAsync(js, cancellationToken);
        await JetStreamTopology.EnsureAsync(js, TopologyOptions.Default, cancellationToken);

        var fill = Stopwatch.StartNew();
        var perOrder = Math.Clamp(options.EventsPerOrder, 1, 3);
        var sequences = new ulong[options.Orders * perOrder];
        var index = 0;
        await PipelinedAsync(js, Enumerable.Range(0, options.Orders).SelectMany(i => Events(i, perOrder)).Select(e =>
        {
            var type = EventCatalog.Of(e);
            var headers = new NatsHeaders
            {
                [MessageHeaders.SpecVersion] = MessageHeaders.CloudEventsSpecVersion,
                [MessageHeaders.Id] = Guid.CreateVersion7().ToString("N"),
                [MessageHeaders.Type] = type.Name,
                [MessageHeaders.Source] = "/kit/bench",
                [MessageHeaders.Time] = e.OccurredAt.ToString("O", CultureInfo.InvariantCulture),
                [MessageHeaders.ContentType] = MessageHeaders.JsonContentType,
            };
            return (Subjects.Order(((IOrderEvent)e).OrderId), EventCatalog.Serialize(e), (NatsHeaders?)headers);
        }), options.Window, seq => sequences[index++] = seq, cancellationToken);
        var eventsSeconds = fill.Elapsed.TotalSeconds;

        await PipelinedAsync(js, Enumerable.Range(0, options.Orders).Select(i =>
        {
            var summary = Events(i, perOrder).Select((e, k) => (e, k)).Aggregate((OrderSummary?)null,
                (s, x) => OrderSummaryFold.Apply(s, (IOrderEvent)x.e, sequences[(i * perOrder) + x.k]))!;
            return ($"$KV.{Buckets.OrderSummaries}.{summary.OrderId}", JsonSerializer.SerializeToUtf8Bytes(summary, KitJson.Default.OrderSummary), (NatsHeaders?)null);
        }), options.Window, _ => { }, cancellationToken);
        Console.WriteLine($"filled {options.Orders:N0} orders ({sequences.Length:N0} events in {eventsSeconds:F1} s, summaries in {fill.Elapsed.TotalSeconds - eventsSeconds:F1} s)");

        var durations = new List<double>();
        var cpuSeconds = new List<double>();
        AuditReport? report = null;
        for (var rep = 1; rep <= options.Repetitions; rep++)
        {
            GC.Collect();
            var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
            var pauseBefore = GC.GetTotalPauseDuration();
            report = await new DeliveryAudit(js).RunAsync(new AuditOptions(), cancellationToken);
            var cpu = (Process.GetCurrentProcess().TotalProcessorTime - cpuBefore).TotalSeconds;
            cpuSeconds.Add(cpu);
            durations.Add(report.Duration.TotalSeconds);
            Console.WriteLine($"audit rep {rep}: {report.Orders.Orders:N0} orders, {report.Orders.Messages:N0} events, {report.Orders.Summaries:N0} summaries in {report.Duration.TotalSeconds:F1} s "
                + $"({report.Orders.Orders / report.Duration.TotalSeconds:N0} orders/s), failures {report.Orders.Findings.FailureCount}, audit CPU {cpu:F1} s, GC pauses {(GC.GetTotalPauseDuration() - pauseBefore).TotalSeconds:F1} s, load average {LoadAverage()}, working set {Environment.WorkingSet / (1024 * 1024):N0} MiB");
        }

        if (report is null || report.HasFailures || report.Orders.Checked != options.Orders)
        {
            throw new InvalidOperationException($"the audit of a correct set must find nothing: {report?.Orders.Checked} of {options.Orders} checked");
        }

        var median = Median(durations);
        return new Dictionary<string, object>
        {
            ["mode"] = "audit",
            ["orders"] = options.Orders,
            ["events"] = sequences.Length,
            ["repetitions"] = options.Repetitions,
            ["audit_seconds"] = Math.Round(median, 2),
            ["orders_per_s"] = Math.Round(options.Orders / median),
            ["events_per_s"] = Math.Round(sequences.Length / median),
            ["audit_cpu_seconds"] = Math.Round(Median(cpuSeconds), 2),
            ["load_average"] = LoadAverage(),
        };
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
    }

    /// <summary>The 1-minute load average: on a shared 2-core machine the wall time means little without it.</summary>
    private static string LoadAverage() => File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "n/a";

    /// <summary>An order's lifecycle: placed, then paid, then shipped (as many as asked for).</summary>
    private static IEnumerable<IEvent> Events(int i, int count)
    {
        var orderId = $"bench-{i:D7}";
        yield return new OrderPlaced(orderId, $"c-{i % 5000}", [new OrderLine("SKU-00001", 2, 9.99m)], 19.98m, "EUR", At);
        if (count > 1)
        {
            yield return new PaymentAuthorized(orderId, 19.98m, "EUR", At.AddSeconds(1));
        }

        if (count > 2)
        {
            yield return new OrderShipped(orderId, "DHL", $"T{i}", At.AddSeconds(2));
        }
    }

    /// <summary>Publishes with up to <paramref name="window"/> acks outstanding; every ack checked, sequences in input order.</summary>
    private static async Task PipelinedAsync(
        INatsJSContext js, IEnumerable<(string Subject, byte[] Data, NatsHeaders? Headers)> messages, int window, Action<ulong> acked, CancellationToken cancellationToken)
    {
        var inFlight = new Queue<Task<PubAckResponse>>(window);
        foreach (var (subject, data, headers) in messages)
        {
            if (inFlight.Count >= window)
            {
                Acked(await inFlight.Dequeue());
            }

            inFlight.Enqueue(js.PublishAsync(subject, data, headers: headers, cancellationToken: cancellationToken).AsTask());
        }

        while (inFlight.Count > 0)
        {
            Acked(await inFlight.Dequeue());
        }

        void Acked(PubAckResponse ack)
        {
            ack.EnsureSuccess();
            acked(ack.Seq);
        }
    }
}
