using System.Globalization;
using System.Text.Json;
using Observability.Contracts.Faults;
using Observability.LoadSimulator.Faults;
using Observability.LoadSimulator.Simulations;
using Observability.LoadSimulator.Thresholds;

namespace Observability.LoadSimulator.Config;

/// <summary>
/// Parses the JSON config. Hand-written over <see cref="JsonDocument"/> so that durations can be "30s" and a
/// load simulation reads like NBomber's: <c>{ "Inject": { "rate": 100, "interval": "1s", "during": "30s" } }</c>.
/// Property names are case-insensitive. Errors name the path of the bad value.
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
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        }
        catch (JsonException ex)
        {
            throw new InvalidLoadSimulationException($"Config is not valid JSON: {ex.Message}", ex);
        }

        using (document)
        {
            var root = document.RootElement;
            Expect(root, JsonValueKind.Object, "$");
            return new LoadSimConfig
            {
                RunId = String(root, "runId"),
                Seed = Int(root, "seed"),
                MaxConcurrency = Int(root, "maxConcurrency"),
                GracePeriod = Duration(root, "gracePeriod"),
                ReportingInterval = Duration(root, "reportingInterval"),
                ReportFolder = String(root, "reportFolder"),
                MetricsPort = Int(root, "metricsPort"),
                GrafanaUrl = String(root, "grafanaUrl"),
                Scenarios = Get(root, "scenarios") is { } scenarios ? [.. Array(scenarios, "$.scenarios").Select(ParseScenario)] : [],
            };
        }
    }

    private static ScenarioConfig ParseScenario(JsonElement element, int index)
    {
        var path = $"$.scenarios[{index}]";
        Expect(element, JsonValueKind.Object, path);
        var name = String(element, "name") ?? throw new InvalidLoadSimulationException($"{path}.name is required.");
        return new ScenarioConfig
        {
            Name = name,
            WarmUp = Duration(element, "warmUp") ?? Duration(element, "warmUpDuration"),
            Weight = Int(element, "weight"),
            LoadSimulations = Get(element, "loadSimulations") is { } sims
                ? [.. Array(sims, path + ".loadSimulations").Select((s, i) => ParseSimulation(s, $"{path}.loadSimulations[{i}]"))]
                : null,
            Thresholds = Get(element, "thresholds") is { } t ? ParseThresholds(t, path + ".thresholds") : null,
            Faults = Get(element, "faults") is { } faults
                ? FaultTimeline.Validate(Array(faults, path + ".faults").Select((f, i) => ParseFault(f, $"{path}.faults[{i}]")), path + ".faults")
                : null,
            Settings = (Get(element, "settings") ?? Get(element, "customSettings")) is { } settings
                ? ParseSettings(settings, path + ".settings")
                : new Dictionary<string, string>(),
        };
    }

    private static LoadSimulation ParseSimulation(JsonElement element, string path)
    {
        Expect(element, JsonValueKind.Object, path);
        var properties = element.EnumerateObject().ToList();
        if (properties.Count != 1)
        {
            throw new InvalidLoadSimulationException($"{path} must have exactly one property naming the simulation, e.g. {{\"Inject\": {{...}}}}.");
        }

        var kindName = properties[0].Name;
        if (!Enum.TryParse<LoadSimulationKind>(kindName, ignoreCase: true, out var kind))
        {
            throw new InvalidLoadSimulationException($"{path}: unknown load simulation '{kindName}'; use one of {string.Join(", ", Enum.GetNames<LoadSimulationKind>())}.");
        }

        var body = properties[0].Value;
        var at = $"{path}.{kindName}";
        Expect(body, JsonValueKind.Object, at);
        var interval = Duration(body, "interval") ?? TimeSpan.FromSeconds(1);
        TimeSpan During() => Duration(body, "during") ?? throw new InvalidLoadSimulationException($"{at}.during is required.");
        double Rate(string name) => Double(body, name) ?? throw new InvalidLoadSimulationException($"{at}.{name} is required.");
        int Copies() => Int(body, "copies") ?? throw new InvalidLoadSimulationException($"{at}.copies is required.");
        return kind switch
        {
            LoadSimulationKind.Inject => Simulation.Inject(Rate("rate"), interval, During()),
            LoadSimulationKind.RampingInject => Simulation.RampingInject(Rate("rate"), interval, During()),
            LoadSimulationKind.InjectRandom => Simulation.InjectRandom(Rate("minRate"), Rate("maxRate"), interval, During()),
            LoadSimulationKind.KeepConstant => Simulation.KeepConstant(Copies(), During()),
            LoadSimulationKind.RampingConstant => Simulation.RampingConstant(Copies(), During()),
            LoadSimulationKind.IterationsForConstant => Simulation.IterationsForConstant(
                Copies(), (long?)Double(body, "iterations") ?? throw new InvalidLoadSimulationException($"{at}.iterations is required.")),
            _ => Simulation.Pause(During()),
        };
    }

    /// <summary>A fault step: the sentence form (<c>"exception 20% on order-summary at 20s for 30s"</c>) or an object.</summary>
    private static FaultStep ParseFault(JsonElement element, string path)
    {
        if (element.ValueKind == JsonValueKind.String)
        {
            try
            {
                return FaultStepParser.Parse(element.GetString()!);
            }
            catch (InvalidLoadSimulationException ex)
            {
                throw new InvalidLoadSimulationException($"{path}: {ex.Message}", ex);
            }
        }

        Expect(element, JsonValueKind.Object, path);
        var kind = (String(element, "kind") ?? throw new InvalidLoadSimulationException($"{path}.kind is required (one of {string.Join(", ", FaultKinds.All)}, {FaultStep.BrokerRestart}).")).ToLowerInvariant();
        var percent = Double(element, "percent");
        var step = new FaultStep
        {
            Kind = kind == "broker restart" ? FaultStep.BrokerRestart : kind,
            At = Duration(element, "at") ?? throw new InvalidLoadSimulationException($"{path}.at is required, e.g. \"20s\"."),
            Duration = Duration(element, "for") ?? Duration(element, "duration") ?? (kind == FaultKinds.Crash ? FaultStepParser.DefaultCrashWindow : TimeSpan.Zero),
            Consumer = String(element, "consumer") ?? FaultSwitch.AllConsumers,
            Probability = Double(element, "probability") ?? (percent is { } p ? p / 100 : 1),
            Amount = Int(element, "amount") ?? (kind == FaultKinds.Crash ? 1 : null),
            Delay = Duration(element, "delay"),
            CrashPoint = String(element, "crashPoint"),
            EventType = String(element, "eventType"),
        };
        return FaultTimeline.Problem(step) is { } problem ? throw new InvalidLoadSimulationException($"{path} '{step}': {problem}") : step;
    }

    private static ThresholdOptions ParseThresholds(JsonElement element, string path)
    {
        Expect(element, JsonValueKind.Object, path);
        return new ThresholdOptions
        {
            MaxLatencyP99Ms = Double(element, "maxLatencyP99Ms"),
            MaxServiceTimeP99Ms = Double(element, "maxServiceTimeP99Ms"),
            MaxFailPercent = Double(element, "maxFailPercent"),
            MaxDroppedPercent = Double(element, "maxDroppedPercent"),
            AbortWhenFailPercentAbove = Double(element, "abortWhenFailPercentAbove"),
            AbortMinIterations = (long?)Double(element, "abortMinIterations") ?? ThresholdOptions.None.AbortMinIterations,
        };
    }

    private static Dictionary<string, string> ParseSettings(JsonElement element, string path)
    {
        Expect(element, JsonValueKind.Object, path);
        return element.EnumerateObject().ToDictionary(
            p => p.Name,
            p => p.Value.ValueKind == JsonValueKind.String ? p.Value.GetString()! : p.Value.GetRawText(),
            StringComparer.Ordinal);
    }

    private static JsonElement? Get(JsonElement element, string name)
    {
        foreach (var property in element.EnumerateObject())
        {
            if (string.Equals(property.Name, name, StringComparison.OrdinalIgnoreCase) && property.Value.ValueKind != JsonValueKind.Null)
            {
                return property.Value;
            }
        }

        return null;
    }

    private static IEnumerable<JsonElement> Array(JsonElement element, string path)
    {
        Expect(element, JsonValueKind.Array, path);
        return element.EnumerateArray();
    }

    private static string? String(JsonElement element, string name) =>
        Get(element, name) is { } value ? (value.ValueKind == JsonValueKind.String ? value.GetString() : value.GetRawText()) : null;

    private static double? Double(JsonElement element, string name)
    {
        if (Get(element, name) is not { } value)
        {
            return null;
        }

        if (value.ValueKind == JsonValueKind.Number)
        {
            return value.GetDouble();
        }

        return value.ValueKind == JsonValueKind.String && double.TryParse(value.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed)
            ? parsed
            : throw new InvalidLoadSimulationException($"'{name}' must be a number, got {value.GetRawText()}.");
    }

    private static int? Int(JsonElement element, string name) => Double(element, name) is { } d ? checked((int)d) : null;

    private static TimeSpan? Duration(JsonElement element, string name) =>
        Get(element, name) is { } value
            ? value.ValueKind == JsonValueKind.Number ? TimeSpan.FromSeconds(value.GetDouble()) : DurationParser.Parse(value.GetString() ?? string.Empty)
            : null;

    private static void Expect(JsonElement element, JsonValueKind kind, string path)
    {
        if (element.ValueKind != kind)
        {
            throw new InvalidLoadSimulationException($"{path} must be a JSON {kind.ToString().ToLower(CultureInfo.InvariantCulture)}.");
        }
    }
}
