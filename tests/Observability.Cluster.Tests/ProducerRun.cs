using System.Globalization;

namespace Observability.Cluster.Tests;

/// <summary>The one producer run every cluster test replays: a fixed seed, so the same events with the same ids every time.</summary>
internal static class ProducerRun
{
    public const string RunId = "cluster-run";

    /// <summary>The producer's settings for a run of <paramref name="duration"/> that exits once its lifecycles are done.</summary>
    public static IReadOnlyDictionary<string, string> Settings(TimeSpan duration) => new Dictionary<string, string>
    {
        ["Producer__Seed"] = "4242",
        ["Producer__OrdersPerSecond"] = "10",
        ["Producer__ClicksPerSecond"] = "20",
        ["Producer__Duration"] = duration.ToString("c", CultureInfo.InvariantCulture),
        ["Producer__TimeScale"] = "0.05",
        ["Producer__RunId"] = RunId,
        ["Producer__StopWhenDone"] = "true",
        // Longer than any failover or restart below: a step is retried with its event id until the cluster answers.
        ["Producer__PublishRetryFor"] = "00:01:00",
    };

    /// <summary>Processor replicas on the order-summary durable only: the audit checks the ORDERS projections.</summary>
    public static IReadOnlyDictionary<string, string> ProcessorSettings { get; } = new Dictionary<string, string>
    {
        ["Processors__Roles__0"] = "order-summary",
    };

    /// <summary>Every test's run lasts this long, so one reference run serves them all.</summary>
    public static TimeSpan Duration { get; } = TimeSpan.FromSeconds(15);
}
