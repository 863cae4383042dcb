using System.Collections.Frozen;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Json.Schema;
using Observability.Contracts.Clickstream;
using Observability.Contracts.Orders;

namespace Observability.Contracts.Events;

/// <summary>One known event type and version: its wire name, CLR type, JSON type info and schema.</summary>
public sealed class EventTypeInfo
{
    internal EventTypeInfo(string name, Type clrType, JsonTypeInfo jsonTypeInfo)
    {
        Name = name;
        ClrType = clrType;
        JsonTypeInfo = jsonTypeInfo;
        DataSchema = $"/schemas/{name}.json";
        _schema = new Lazy<JsonSchema>(() => EventCatalog.LoadSchema(name));
    }

    private readonly Lazy<JsonSchema> _schema;

    /// <summary>Wire name, e.g. <c>orders.order-placed.v1</c>: the CloudEvents <c>type</c>.</summary>
    public string Name { get; }

    public Type ClrType { get; }

    public JsonTypeInfo JsonTypeInfo { get; }

    /// <summary>The CloudEvents <c>dataschema</c>: where the API serves this type's JSON Schema.</summary>
    public string DataSchema { get; }

    public JsonSchema Schema => _schema.Value;
}

/// <summary>The registry of every event type the kit produces: wire names, (de)serialization and schema validation.</summary>
public static class EventCatalog
{
    private static readonly EventTypeInfo[] Types =
    [
        Create<OrderPlaced>(KitJson.Default.OrderPlaced),
        Create<PaymentAuthorized>(KitJson.Default.PaymentAuthorized),
        Create<PaymentDeclined>(KitJson.Default.PaymentDeclined),
        Create<OrderShipped>(KitJson.Default.OrderShipped),
        Create<OrderCancelled>(KitJson.Default.OrderCancelled),
        Create<PageViewed>(KitJson.Default.PageViewed),
        Create<ProductViewed>(KitJson.Default.ProductViewed),
        Create<AddedToCart>(KitJson.Default.AddedToCart),
        Create<Searched>(KitJson.Default.Searched),
    ];

    private static readonly FrozenDictionary<string, EventTypeInfo> ByName = Types.ToFrozenDictionary(t => t.Name, StringComparer.Ordinal);
    private static readonly FrozenDictionary<Type, EventTypeInfo> ByType = Types.ToFrozenDictionary(t => t.ClrType);

    public static IReadOnlyList<EventTypeInfo> All => Types;

    public static EventTypeInfo Of<T>() where T : IEvent => ByType[typeof(T)];

    public static EventTypeInfo Of(IEvent e) =>
        ByType.TryGetValue(e.GetType(), out var info) ? info : throw new ArgumentException($"{e.GetType().Name} is not a registered event type", nameof(e));

    public static bool TryGet(string? name, out EventTypeInfo info)
    {
        if (name is not null && ByName.TryGetValue(name, out var found))
        {
            info = found;
            return true;
        }

        info = null!;
        return false;
    }

    public static byte[] Serialize(IEvent e) => JsonSerializer.SerializeToUtf8Bytes(e, Of(e).JsonTypeInfo);

    /// <summary>Reads a payload of a known type. Throws <see cref="JsonException"/> when it does not fit the type.</summary>
    public static IEvent Deserialize(EventTypeInfo type, ReadOnlySpan<byte> data) =>
        (IEvent)(JsonSerializer.Deserialize(data, type.JsonTypeInfo) ?? throw new JsonException($"{type.Name}: payload is null"));

    /// <summary>Validates a payload against its type's JSON Schema; returns the first error, or null when valid.</summary>
    public static string? Validate(EventTypeInfo type, ReadOnlySpan<byte> data)
    {
        JsonDocument document;
        try
        {
            var reader = new Utf8JsonReader(data);
            document = JsonDocument.ParseValue(ref reader);
        }
        catch (JsonException ex)
        {
            return $"not JSON: {ex.Message}";
        }

        using var _ = document;
        var result = type.Schema.Evaluate(document.RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List });
        if (result.IsValid)
        {
            return null;
        }

        var firstError = result.Details?.FirstOrDefault(d => d.Errors is { Count: > 0 });
        return firstError is null
            ? "does not match its schema"
            : $"{firstError.InstanceLocation}: {firstError.Errors!.Values.First()}";
    }

    /// <summary>The raw JSON Schema document of a type, as shipped in this assembly.</summary>
    public static string SchemaText(string name)
    {
        using var stream = typeof(EventCatalog).Assembly.GetManifestResourceStream($"schemas/{name}.json")
            ?? throw new InvalidOperationException($"No schema resource for {name}");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    internal static JsonSchema LoadSchema(string name) => JsonSchema.FromText(SchemaText(name));

    private static EventTypeInfo Create<T>(JsonTypeInfo<T> jsonTypeInfo) where T : IEvent
    {
        var name = typeof(T).GetCustomAttribute<EventTypeAttribute>()?.Name
            ?? throw new InvalidOperationException($"{typeof(T).Name} has no [EventType]");
        return new EventTypeInfo(name, typeof(T), jsonTypeInfo);
    }
}
