using System.Text.Json;
using System.Text.Json.Serialization;

namespace Observability.Api.Tests;

/// <summary>The API's JSON: web defaults with enums as strings.</summary>
public static class TestJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };
}
