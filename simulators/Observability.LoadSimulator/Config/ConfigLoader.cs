using System.Text;
using Observability.LoadSimulator.Faults;
using Observability.LoadSimulator.Simulations;
using Observability.LoadSimulator.Thresholds;

namespace Observability.LoadSimulator.Config;

/// <summary>
/// Reads the JSON config through Microsoft.Extensions.Configuration (comments and trailing commas allowed, keys
/// case-insensitive). Durations may be "30s", and a load simulation reads like NBomber's:
/// <c>{ "Inject": { "rate": 100, "interval": "1s", "during": "30s" } }</c>. Errors name the path of the bad value.
/// </summary>
public static class ConfigLoader
{
    public static async Task<LoadSimConfig> LoadAsync(string path, CancellationToken cancellationToken)
    {
        string json;
        try
        {
            json = await File.ReadAllTextAsync(path, cancellationToken);
        }
        catch (IOException ex)
        {
            throw new InvalidLoadSimulationException($"Cannot read config '{path}': {ex.Message}", ex);
        }

        return Parse(json);
    }

    public static LoadSimConfig Parse(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        IConfigurationRoot root;
        try
        {
            using var stream = new MemoryStream(Encoding.UTF8.GetBytes(json));
            root = new ConfigurationBuilder().AddJsonStream(stream).Build();
        }
        catch (Exception ex) when (ex is FormatException or System.Text.Json.JsonException)
        {
            throw new InvalidLoadSimulationException($"Config is not valid JSON: {ex.InnerException?.Message ?? ex.Message}", ex);
        }

        return new LoadSimConfig
        {
            RunId = root.String("runId"),
            Seed = root.Int("seed"),
            MaxConcurrency = root.Int("maxConcurrency"),
            GracePeriod = root.Duration("gracePeriod"),
            ReportingInterval = root.Duration("reportingInterval"),
            ReportFolder = root.String("reportFolder"),
            MetricsPort = root.Int("metricsPort"),
            GrafanaUrl = root.String("grafanaUrl"),
            Scenarios = root.Child("scenarios") is { } scenarios ? [.. scenarios.Elements().Select(ParseScenario)] : [],
        };
    }

    private static ScenarioConfig ParseScenario(IConfigurationSection section)
    {
        var path = section.JsonPath();
        return new ScenarioConfig
        {
            Name = section.String("name") ?? throw new InvalidLoadSimulationException($"{path}.name is required."),
            WarmUp = section.Duration("warmUp") ?? section.Duration("warmUpDuration"),
            Weight = section.Int("weight"),
            LoadSimulations = section.Child("loadSimulations") is { } sims ? [.. sims.Elements().Select(ParseSimulation)] : null,
            Thresholds = section.Child("thresholds") is { } t ? ParseThresholds(t) : null,
            Faults = section.Child("faults") is { } faults
                ? FaultTimeline.Validate(faults.Elements().Select(FaultConfig.Parse), path + ".faults")
                : null,
            Settings = (section.Child("settings") ?? section.Child("customSettings")) is { } settings
                ? new Dictionary<string, string>(settings.Get<Dictionary<string, string>>() ?? [], StringComparer.Ordinal)
                : new Dictionary<string, string>(),
        };
    }

    private static LoadSimulation ParseSimulation(IConfigurationSection section)
    {
        var properties = section.GetChildren().ToList();
        if (properties.Count != 1)
        {
            throw new InvalidLoadSimulationException($"{section.JsonPath()} must have exactly one property naming the simulation, e.g. {{\"Inject\": {{...}}}}.");
        }

        var body = properties[0];
        if (!Enum.TryParse<LoadSimulationKind>(body.Key, ignoreCase: true, out var kind))
        {
            throw new InvalidLoadSimulationException($"{section.JsonPath()}: unknown load simulation '{body.Key}'; use one of {string.Join(", ", Enum.GetNames<LoadSimulationKind>())}.");
        }

        var at = body.JsonPath();
        var interval = body.Duration("interval") ?? TimeSpan.FromSeconds(1);
        TimeSpan During() => body.Duration("during") ?? throw new InvalidLoadSimulationException($"{at}.during is required.");
        double Rate(string name) => body.Double(name) ?? throw new InvalidLoadSimulationException($"{at}.{name} is required.");
        int Copies() => body.Int("copies") ?? throw new InvalidLoadSimulationException($"{at}.copies is required.");
        return kind switch
        {
            LoadSimulationKind.Inject => Simulation.Inject(Rate("rate"), interval, During()),
            LoadSimulationKind.RampingInject => Simulation.RampingInject(Rate("rate"), interval, During()),
            LoadSimulationKind.InjectRandom => Simulation.InjectRandom(Rate("minRate"), Rate("maxRate"), interval, During()),
            LoadSimulationKind.KeepConstant => Simulation.KeepConstant(Copies(), During()),
            LoadSimulationKind.RampingConstant => Simulation.RampingConstant(Copies(), During()),
            LoadSimulationKind.IterationsForConstant => Simulation.IterationsForConstant(Copies(), (long)Rate("iterations")),
            _ => Simulation.Pause(During()),
        };
    }

    /// <summary>Thresholds are plain numbers, so the binder reads them (a value it cannot convert names its path).</summary>
    private static ThresholdOptions ParseThresholds(IConfigurationSection section)
    {
        try
        {
            return section.Get<ThresholdOptions>(o => o.ErrorOnUnknownConfiguration = true) ?? ThresholdOptions.None;
        }
        catch (InvalidOperationException ex)
        {
            throw new InvalidLoadSimulationException($"{section.JsonPath()}: {ex.Message}", ex);
        }
    }
}
