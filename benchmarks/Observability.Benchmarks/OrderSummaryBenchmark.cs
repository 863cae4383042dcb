using System.Diagnostics;
using NATS.Client.JetStream;
using Observability.Messaging.Consuming;
using Observability.Processors;
using Observability.Processors.Orders;

namespace Observability.Benchmarks;

/// <summary>
/// Runs the real order-summary projection processor (consumer host, decoding, schema validation, spans, metrics,
/// KV compare-and-set writes, acks) on the ORDERS/order-summary durable until <c>messages</c> are settled, and times it.
/// For the benchmark program, which compares it with raw consume+ack measured in the same run.
/// </summary>
internal static class OrderSummaryBenchmark
{
    /// <summary>Times the projection over the next <paramref name="messages"/> messages of the durable (they should be waiting).</summary>
    public static async Task<ProjectionRun> RunAsync(INatsJSContext js, int messages, ProcessorsOptions? options = null, CancellationToken cancellationToken = default)
    {
        var settled = 0;
        var applied = 0;
        var duplicates = 0;
        var failed = 0;
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var hostOptions = ProcessorsExtensions.OrderSummaryHost(options ?? new ProcessorsOptions()) with
        {
            Settled = e =>
            {
                switch (e.Outcome)
                {
                    case HandleOutcome.Applied:
                        Interlocked.Increment(ref applied);
                        break;
                    case HandleOutcome.Duplicate:
                        Interlocked.Increment(ref duplicates);
                        break;
                    default:
                        Interlocked.Increment(ref failed);
                        break;
                }

                if (Interlocked.Increment(ref settled) == messages)
                {
                    done.TrySetResult();
                }
            },
        };

        var host = new ConsumerHost(js, hostOptions, new OrderSummaryProjection(js));
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var sw = Stopwatch.StartNew();
        var running = host.RunAsync(stop.Token);
        await Task.WhenAny(done.Task, running).Unwrap().WaitAsync(cancellationToken);
        var elapsed = sw.Elapsed;
        await stop.CancelAsync();
        await running;
        return new ProjectionRun(messages, elapsed, applied, duplicates, failed);
    }
}
