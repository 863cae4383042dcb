using System.Globalization;
using Observability.LoadSimulator.Config;
using Observability.LoadSimulator.Faults;
using Observability.LoadSimulator.Plugins;
using Observability.LoadSimulator.Scenarios;
using Observability.LoadSimulator.Simulations;

namespace Observability.LoadSimulator.Cli;

/// <summary>
/// Which scenarios <c>loadsim run</c> runs and how: the catalog's code defaults, then the config, then the flags;
/// with their plugins (pipeline probes, fault timelines, recovery checks) in the order they must run.
/// </summary>
internal static class ScenarioSelection
{
    public static List<ScenarioProps> Build(RunArguments args, ScenarioCatalog catalog, LoadSimConfig config, List<IRunPlugin>? plugins = null)
    {
        var names = args.Scenarios.ToList();
        if (names.Count == 0)
        {
            names = [.. config.Scenarios.Select(s => s.Name)];
        }

        if (names.Count == 0)
        {
            throw new InvalidLoadSimulationException("Name a scenario: loadsim run <scenario> (see loadsim list).");
        }

        var cliFaults = args.Faults.Count > 0 ? FaultTimeline.Validate(args.Faults.Select(FaultStepParser.Parse), "--fault") : null;
        var timelines = new List<IRunPlugin>();
        var recoveries = new List<IRunPlugin>();
        var scenarios = new List<ScenarioProps>();
        foreach (var name in names)
        {
            if (!catalog.TryGet(name, out var entry))
            {
                throw new InvalidLoadSimulationException($"Unknown scenario '{name}'. Known: {string.Join(", ", catalog.Entries.Select(e => e.Name))}.");
            }

            var scenarioConfig = config.For(name);
            var settings = new Dictionary<string, string>(scenarioConfig?.Settings ?? new Dictionary<string, string>(), StringComparer.Ordinal);
            foreach (var (key, value) in args.Settings)
            {
                settings[key] = value;
            }

            if (args.MaxDrainSeconds is { } maxDrain)
            {
                settings[SettingKeys.MaxDrainSeconds] = maxDrain.ToString(CultureInfo.InvariantCulture);
            }

            var setup = entry.Setup(settings);
            plugins?.AddRange(setup.Plugins);
            if ((cliFaults ?? scenarioConfig?.Faults ?? setup.Faults) is { Count: > 0 } faults)
            {
                // The timeline goes first (its switches are cleared before the pipeline plugin waits for the drain),
                // the recovery checks last (they read the drained lag and audit after it).
                var timeline = new FaultTimelinePlugin(FaultSettings.From(settings), name, faults);
                timelines.Add(timeline);
                recoveries.Add(new RecoveryCheckPlugin(timeline, DeliveryAuditors.For(settings)));
            }

            var props = ConfigApplier.Apply(setup.Scenario, scenarioConfig).WithSettings(settings);
            if (args.WarmUp is { } warmUp)
            {
                props = props.WithWarmUpDuration(warmUp);
            }

            props = props.WithThresholds(props.Thresholds with
            {
                MaxLatencyP99Ms = args.MaxP99Ms ?? props.Thresholds.MaxLatencyP99Ms,
                MaxFailPercent = args.MaxFailPercent ?? props.Thresholds.MaxFailPercent,
                AbortWhenFailPercentAbove = args.AbortFailPercent ?? props.Thresholds.AbortWhenFailPercentAbove,
            });
            scenarios.Add(props);
        }

        plugins?.InsertRange(0, timelines);
        plugins?.AddRange(recoveries);
        return ApplyLoadFlags(args, scenarios);
    }

    /// <summary>--rate/--copies/--duration replace the load; a combined --rate is split by weight.</summary>
    private static List<ScenarioProps> ApplyLoadFlags(RunArguments args, List<ScenarioProps> scenarios)
    {
        var (rate, copies, duration) = (args.Rate, args.Copies, args.Duration);
        if (rate is not null && copies is not null)
        {
            throw new InvalidLoadSimulationException("--rate (open model) and --copies (closed model) cannot be combined.");
        }

        var totalWeight = scenarios.Sum(s => s.Weight);
        return [.. scenarios.Select(s =>
        {
            if (rate is { } r)
            {
                return s.WithLoadSimulations(Simulation.Inject(r * s.Weight / totalWeight, TimeSpan.FromSeconds(1), duration ?? TimeSpan.FromSeconds(30)));
            }

            if (copies is { } c)
            {
                return s.WithLoadSimulations(Simulation.KeepConstant(c, duration ?? TimeSpan.FromSeconds(30)));
            }

            if (duration is { } d)
            {
                return s.LoadSimulations.Count == 1 && s.LoadSimulations[0].Kind != LoadSimulationKind.IterationsForConstant
                    ? s.WithLoadSimulations(s.LoadSimulations[0] with { During = d })
                    : throw new InvalidLoadSimulationException($"--duration alone needs a single-phase load simulation; '{s.Name}' has {s.LoadSimulations.Count}. Use --rate, --copies or the config.");
            }

            return s;
        })];
    }
}
