using System.Text.Json;
using System.Text.Json.Serialization;

namespace Observability.Cli.Output;

/// <summary>The shape of <c>--json</c> output: camelCase, indented, enums and durations as text.</summary>
public static class JsonOutput
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
    };

    public static Task WriteAsync<T>(TextWriter writer, T value) => writer.WriteLineAsync(JsonSerializer.Serialize(value, Options));
}
