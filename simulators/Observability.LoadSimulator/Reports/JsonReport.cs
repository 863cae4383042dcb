using System.Text.Json;
using System.Text.Json.Serialization;
using Observability.LoadSimulator.Statistics;

namespace Observability.LoadSimulator.Reports;

/// <summary>report.json: the whole <see cref="RunResult"/>, camelCase, enums as strings. Reads back with <see cref="Parse"/>.</summary>
public static class JsonReport
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    public static string Build(RunResult result) => JsonSerializer.Serialize(result, Options);

    public static RunResult Parse(string json) =>
        JsonSerializer.Deserialize<RunResult>(json, Options) ?? throw new JsonException("report.json is empty");
}
