using Observability.LoadSimulator.Scenarios;
using Observability.LoadSimulator.Scheduling;

namespace Observability.LoadSimulator.Config;

/// <summary>Applies a config over code defaults: a value set in the config wins, anything unset keeps the default.</summary>
public static class ConfigApplier
{
    public static RunOptions Apply(RunOptions options, LoadSimConfig config)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(config);
        return options with
        {
            RunId = config.RunId ?? options.RunId,
            Seed = config.Seed ?? options.Seed,
            MaxConcurrency = config.MaxConcurrency ?? options.MaxConcurrency,
            GracePeriod = config.GracePeriod ?? options.GracePeriod,
            ReportingInterval = config.ReportingInterval ?? options.ReportingInterval,
        };
    }

    public static ScenarioProps Apply(ScenarioProps scenario, ScenarioConfig? config)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        if (config is null)
        {
            return scenario;
        }

        var result = scenario.WithSettings(config.Settings);
        if (config.WarmUp is { } warmUp)
        {
            result = result.WithWarmUpDuration(warmUp);
        }

        if (config.Weight is { } weight)
        {
            result = result.WithWeight(weight);
        }

        if (config.LoadSimulations is { Count: > 0 } simulations)
        {
            result = result with { LoadSimulations = simulations };
        }

        if (config.Thresholds is { } thresholds)
        {
            result = result.WithThresholds(thresholds);
        }

        return result;
    }
}
