using System.Collections.Frozen;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Observability.Contracts.Events;

namespace Observability.Operations.Scanning;

/// <summary>
/// A fast pre-check of a payload against its JSON Schema for the bulk audit, where the general evaluator (~10x the
/// cost of deserializing) would dominate. It understands only the keywords the kit's schemas use, and it is one-sided:
/// it answers <see cref="Verdict.Valid"/> only when the payload certainly satisfies the schema; anything else, or any
/// doubt (non-ASCII text near a length bound, a line break before a pattern's <c>$</c>, a duplicate property), is
/// <see cref="Verdict.Unsure"/>, and the caller asks the schema evaluator, which stays the contract (the audit passes
/// it to the shared envelope decoder as a <c>SchemaPrecheck</c>).
/// A schema with a keyword it does not know gets no quick check at all.
/// </summary>
internal sealed class QuickSchema
{
    /// <summary>Keywords that only annotate (or whose check here is stricter than the schema's, like <c>format</c>).</summary>
    private static readonly FrozenSet<string> Annotations = FrozenSet.ToFrozenSet(["$schema", "$id", "title", "description"], StringComparer.Ordinal);

    private static readonly FrozenSet<string> Understood = FrozenSet.ToFrozenSet(
        ["type", "properties", "required", "additionalProperties", "pattern", "minLength", "maxLength", "minimum", "maximum", "minItems", "maxItems", "items", "format"],
        StringComparer.Ordinal);

    private static readonly FrozenDictionary<string, QuickSchema?> ByType =
        EventCatalog.All.ToFrozenDictionary(t => t.Name, t => TryCompile(EventCatalog.SchemaText(t.Name)), StringComparer.Ordinal);

    private readonly Node _root;

    private QuickSchema(Node root) => _root = root;

    public enum Verdict
    {
        Valid,
        Unsure,
    }

    /// <summary>The quick check of a known type, or null when its schema uses a keyword this class does not know.</summary>
    public static QuickSchema? For(string typeName) => ByType.GetValueOrDefault(typeName);

    public Verdict Check(ReadOnlySpan<byte> data)
    {
        try
        {
            var reader = new Utf8JsonReader(data);
            using var document = JsonDocument.ParseValue(ref reader);
            return _root.Check(document.RootElement) ? Verdict.Valid : Verdict.Unsure;
        }
        catch (JsonException)
        {
            return Verdict.Unsure;
        }
    }

    internal static QuickSchema? TryCompile(string schemaText)
    {
        using var document = JsonDocument.Parse(schemaText);
        var root = Node.TryCompile(document.RootElement);
        return root is null ? null : new QuickSchema(root);
    }

    /// <summary>One (sub)schema, compiled. Reads values in place (raw UTF-8) so a check allocates next to nothing.</summary>
    private sealed class Node
    {
        private string[] _types = [];
        private (byte[] Utf8Name, Node Schema)[] _properties = [];
        private string[] _required = [];
        private ulong _requiredMask;
        private bool _closed;
        private Regex? _pattern;
        private int? _minLength;
        private int? _maxLength;
        private decimal? _minimum;
        private decimal? _maximum;
        private int? _minItems;
        private int? _maxItems;
        private Node? _items;
        private bool _dateTime;

        public static Node? TryCompile(JsonElement schema)
        {
            if (schema.ValueKind != JsonValueKind.Object)
            {
                return null;
            }

            var node = new Node();
            foreach (var keyword in schema.EnumerateObject())
            {
                if (Annotations.Contains(keyword.Name))
                {
                    continue;
                }

                if (!Understood.Contains(keyword.Name) || !node.TryApply(keyword.Name, keyword.Value))
                {
                    return null;
                }
            }

            // Required names are checked as bits of the property table: each must be a declared property.
            foreach (var name in node._required)
            {
                var index = Array.FindIndex(node._properties, p => Encoding.UTF8.GetString(p.Utf8Name) == name);
                if (index < 0)
                {
                    return null;
                }

                node._requiredMask |= 1UL << index;
            }

            return node;
        }

        private bool TryApply(string keyword, JsonElement value)
        {
            switch (keyword)
            {
                case "type":
                    _types = value.ValueKind == JsonValueKind.String ? [value.GetString()!]
                        : value.ValueKind == JsonValueKind.Array ? [.. value.EnumerateArray().Select(v => v.GetString()!)]
                        : [];
                    return _types.Length > 0 && _types.All(t => t is "object" or "array" or "string" or "integer" or "number" or "null" or "boolean");
                case "properties":
                    var properties = new List<(byte[], Node)>();
                    foreach (var property in value.EnumerateObject())
                    {
                        if (TryCompile(property.Value) is not { } child)
                        {
                            return false;
                        }

                        properties.Add((Encoding.UTF8.GetBytes(property.Name), child));
                    }

                    _properties = [.. properties];
                    return _properties.Length <= 64;
                case "required":
                    _required = [.. value.EnumerateArray().Select(v => v.GetString()!)];
                    return true;
                case "additionalProperties":
                    // Only "false" is understood (true is the default); a schema here would need evaluating.
                    if (value.ValueKind == JsonValueKind.True)
                    {
                        return true;
                    }

                    _closed = value.ValueKind == JsonValueKind.False;
                    return _closed;
                case "pattern":
                    _pattern = new Regex(value.GetString()!, RegexOptions.CultureInvariant | RegexOptions.Compiled, TimeSpan.FromSeconds(1));
                    return true;
                case "minLength":
                    _minLength = value.GetInt32();
                    return true;
                case "maxLength":
                    _maxLength = value.GetInt32();
                    return true;
                case "minimum":
                    _minimum = value.GetDecimal();
                    return true;
                case "maximum":
                    _maximum = value.GetDecimal();
                    return true;
                case "minItems":
                    _minItems = value.GetInt32();
                    return true;
                case "maxItems":
                    _maxItems = value.GetInt32();
                    return true;
                case "items":
                    _items = TryCompile(value);
                    return _items is not null;
                case "format":
                    // Checked strictly (an annotation by default in 2020-12): a failure only means "ask the evaluator".
                    _dateTime = value.GetString() == "date-time";
                    return _dateTime;
                default:
                    return false;
            }
        }

        /// <summary>True only when the instance certainly satisfies this schema.</summary>
        public bool Check(JsonElement instance)
        {
            if (_types.Length > 0 && !_types.Any(t => IsOfType(instance, t)))
            {
                return false;
            }

            return instance.ValueKind switch
            {
                JsonValueKind.Object => CheckObject(instance),
                JsonValueKind.Array => CheckArray(instance),
                JsonValueKind.String => CheckString(instance),
                JsonValueKind.Number => CheckNumber(instance),
                _ => true,
            };
        }

        private bool CheckObject(JsonElement instance)
        {
            var seen = 0UL;
            foreach (var property in instance.EnumerateObject())
            {
                var index = -1;
                for (var i = 0; i < _properties.Length; i++)
                {
                    if (property.NameEquals(_properties[i].Utf8Name))
                    {
                        index = i;
                        break;
                    }
                }

                if (index < 0)
                {
                    if (_closed)
                    {
                        return false;
                    }

                    continue;
                }

                // A duplicate name is read differently by different parsers: not "certainly valid".
                var bit = 1UL << index;
                if ((seen & bit) != 0 || !_properties[index].Schema.Check(property.Value))
                {
                    return false;
                }

                seen |= bit;
            }

            return (seen & _requiredMask) == _requiredMask;
        }

        private bool CheckArray(JsonElement instance)
        {
            var count = instance.GetArrayLength();
            if (count < (_minItems ?? 0) || count > (_maxItems ?? int.MaxValue))
            {
                return false;
            }

            if (_items is not null)
            {
                foreach (var item in instance.EnumerateArray())
                {
                    if (!_items.Check(item))
                    {
                        return false;
                    }
                }
            }

            return true;
        }

        private bool CheckString(JsonElement instance)
        {
            var raw = JsonMarshal.GetRawUtf8Value(instance);
            var content = raw[1..^1];

            // Escapes and non-ASCII text are left to the evaluator: JSON Schema counts code points, not bytes.
            if (content.Contains((byte)'\\') || !Ascii.IsValid(content))
            {
                return _minLength is null && _maxLength is null && _pattern is null && !_dateTime;
            }

            if (content.Length < (_minLength ?? 0) || content.Length > (_maxLength ?? int.MaxValue))
            {
                return false;
            }

            if (_pattern is not null)
            {
                if (content.Contains((byte)'\n') || content.Length > 256)
                {
                    return false;
                }

                Span<char> text = stackalloc char[content.Length];
                Ascii.ToUtf16(content, text, out _);
                if (!_pattern.IsMatch(text))
                {
                    return false;
                }
            }

            return !_dateTime || (content.Length >= 20 && content[10] == (byte)'T' && instance.TryGetDateTimeOffset(out _));
        }

        private bool CheckNumber(JsonElement instance)
        {
            if (_minimum is null && _maximum is null)
            {
                return true;
            }

            return instance.TryGetDecimal(out var number) && number >= (_minimum ?? decimal.MinValue) && number <= (_maximum ?? decimal.MaxValue);
        }

        private static bool IsOfType(JsonElement instance, string type) => type switch
        {
            "object" => instance.ValueKind == JsonValueKind.Object,
            "array" => instance.ValueKind == JsonValueKind.Array,
            "string" => instance.ValueKind == JsonValueKind.String,
            "null" => instance.ValueKind == JsonValueKind.Null,
            "boolean" => instance.ValueKind is JsonValueKind.True or JsonValueKind.False,
            "number" => instance.ValueKind == JsonValueKind.Number,
            "integer" => instance.ValueKind == JsonValueKind.Number && instance.TryGetDecimal(out var d) && d == decimal.Truncate(d),
            _ => false,
        };
    }
}
