using System.Text.Json.Serialization;

namespace Observability.Operations.Audit;

/// <summary>The engagement window's JSON shape as the processors write it (camelCase, default options).</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(EngagementWindowRecord))]
internal sealed partial class AuditJson : JsonSerializerContext;
