using System.Text.Json.Serialization;

namespace Observability.Processors.Engagement;

/// <summary>Source-generated JSON for the engagement read model (same conventions as the events: camelCase).</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(EngagementWindow))]
internal sealed partial class EngagementJson : JsonSerializerContext;
