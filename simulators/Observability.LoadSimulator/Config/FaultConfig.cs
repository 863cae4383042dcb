using Observability.Contracts.Faults;
using Observability.LoadSimulator.Faults;
using Observability.LoadSimulator.Simulations;

namespace Observability.LoadSimulator.Config;

/// <summary>A fault step in the config: the sentence form (<c>"exception 20% on order-summary at 20s for 30s"</c>) or an object.</summary>
internal static class FaultConfig
{
    public static FaultStep Parse(IConfigurationSection section)
    {
        var path = section.JsonPath();
        if (section.Value is { } sentence)
        {
            try
            {
                return FaultStepParser.Parse(sentence);
            }
            catch (InvalidLoadSimulationException ex)
            {
                throw new InvalidLoadSimulationException($"{path}: {ex.Message}", ex);
            }
        }

        var kind = (section.String("kind") ?? throw new InvalidLoadSimulationException($"{path}.kind is required (one of {string.Join(", ", FaultKinds.All)}, {FaultStep.BrokerRestart}).")).ToLowerInvariant();
        var percent = section.Double("percent");
        var step = new FaultStep
        {
            Kind = kind == "broker restart" ? FaultStep.BrokerRestart : kind,
            At = section.Duration("at") ?? throw new InvalidLoadSimulationException($"{path}.at is required, e.g. \"20s\"."),
            Duration = section.Duration("for") ?? section.Duration("duration") ?? (kind == FaultKinds.Crash ? FaultStepParser.DefaultCrashWindow : TimeSpan.Zero),
            Consumer = section.String("consumer") ?? FaultSwitch.AllConsumers,
            Probability = section.Double("probability") ?? (percent is { } p ? p / 100 : 1),
            Amount = section.Int("amount") ?? (kind == FaultKinds.Crash ? 1 : null),
            Delay = section.Duration("delay"),
            CrashPoint = section.String("crashPoint"),
            EventType = section.String("eventType"),
        };
        return FaultTimeline.Problem(step) is { } problem ? throw new InvalidLoadSimulationException($"{path} '{step}': {problem}") : step;
    }
}
