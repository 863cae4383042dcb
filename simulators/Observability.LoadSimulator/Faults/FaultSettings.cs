using System.Globalization;
using Observability.Contracts.Topology;
using Observability.LoadSimulator.Pipeline;
using Observability.LoadSimulator.Scenarios;
using Observability.LoadSimulator.Simulations;

namespace Observability.LoadSimulator.Faults;

/// <summary>
/// How a scenario's fault timeline runs, from its merged custom settings (code, config, <c>--set</c>): the broker it
/// writes switches to (setting <c>nats</c>, as the pipeline scenarios), the broker-restart command, the consumer
/// it watches and the recovery limit.
/// </summary>
public sealed record FaultSettings
{
    /// <summary>The local pipeline's restart (scripts/run-local.sh): kill -9 of nats-server, then a start on the same store.</summary>
    public const string LocalBrokerRestart = "scripts/run-local.sh restart-broker";

    public static FaultSettings Default { get; } = new();

    public string NatsUrl { get; init; } = PipelineSettings.Default.NatsUrl;

    /// <summary>Run by <c>/bin/sh -c</c> in the current directory. Compose: <c>docker compose kill nats &amp;&amp; docker compose start nats</c>.</summary>
    public string BrokerRestartCommand { get; init; } = LocalBrokerRestart;

    public TimeSpan BrokerRestartTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Lag must be back to 0 within this long after the last fault's end.</summary>
    public double MaxRecoverySeconds { get; init; } = 30;

    public string Stream { get; init; } = Streams.Orders;

    public string Consumer { get; init; } = Consumers.OrderSummary;

    /// <summary>Run the delivery audit after the drain and fail the run on a lost, doubled or wrong order.</summary>
    public bool Audit { get; init; } = true;

    public static FaultSettings From(IReadOnlyDictionary<string, string> settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var d = Default;
        var consumer = Text(settings, SettingKeys.WatchConsumer) ?? d.Consumer;
        return new FaultSettings
        {
            NatsUrl = PipelineSettings.From(settings).NatsUrl,
            BrokerRestartCommand = Text(settings, SettingKeys.BrokerRestartCommand) is { Length: > 0 } command ? command : d.BrokerRestartCommand,
            BrokerRestartTimeout = Number(settings, SettingKeys.BrokerRestartTimeoutSeconds) is { } t ? TimeSpan.FromSeconds(t) : d.BrokerRestartTimeout,
            MaxRecoverySeconds = Number(settings, SettingKeys.MaxRecoverySeconds) ?? d.MaxRecoverySeconds,
            Consumer = consumer,
            Stream = consumer switch
            {
                Consumers.OrderSummary => Streams.Orders,
                Consumers.Engagement => Streams.Clickstream,
                _ => throw new InvalidLoadSimulationException($"Setting '{SettingKeys.WatchConsumer}' must be {Consumers.OrderSummary} or {Consumers.Engagement}, got '{consumer}'."),
            },
            Audit = !string.Equals(Text(settings, SettingKeys.Audit), "false", StringComparison.OrdinalIgnoreCase),
        };
    }

    private static string? Text(IReadOnlyDictionary<string, string> settings, string key) =>
        settings.TryGetValue(key, out var value) ? value : null;

    private static double? Number(IReadOnlyDictionary<string, string> settings, string key) =>
        Text(settings, key) is { } text
            ? double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && value > 0
                ? value
                : throw new InvalidLoadSimulationException($"Setting '{key}' must be a positive number, got '{text}'.")
            : null;
}
