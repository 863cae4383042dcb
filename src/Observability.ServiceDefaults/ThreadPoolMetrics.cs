using Prometheus;

namespace Observability.ServiceDefaults;

/// <summary>
/// Thread-pool gauges read at scrape time: a growing queue with a flat thread count is the classic sign of blocked
/// async code or an under-sized pool, which CPU and memory panels do not show.
/// </summary>
internal static class ThreadPoolMetrics
{
    private static readonly Gauge Threads = Metrics.CreateGauge(
        "dotnet_threadpool_threads", "Thread-pool threads that exist now.");

    private static readonly Gauge QueueLength = Metrics.CreateGauge(
        "dotnet_threadpool_queue_length", "Work items queued to the thread pool, not yet started.");

    private static readonly Counter Completed = Metrics.CreateCounter(
        "dotnet_threadpool_completed_items_total", "Work items the thread pool has completed.");

    private static int _registered;

    public static void Register()
    {
        if (Interlocked.Exchange(ref _registered, 1) == 1)
        {
            return;
        }

        Metrics.DefaultRegistry.AddBeforeCollectCallback(() =>
        {
            Threads.Set(ThreadPool.ThreadCount);
            QueueLength.Set(ThreadPool.PendingWorkItemCount);
            Completed.IncTo(ThreadPool.CompletedWorkItemCount);
        });
    }
}
