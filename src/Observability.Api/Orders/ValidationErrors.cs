namespace Observability.Api.Orders;

/// <summary>Collects per-field errors (keys are camelCase JSON paths such as <c>lines[1].quantity</c>).</summary>
internal sealed class ValidationErrors
{
    private readonly Dictionary<string, List<string>> _errors = new(StringComparer.Ordinal);

    public bool IsEmpty => _errors.Count == 0;

    public void Add(string field, string error)
    {
        if (!_errors.TryGetValue(field, out var list))
        {
            _errors[field] = list = [];
        }

        list.Add(error);
    }

    /// <summary>Requires 1..<paramref name="max"/> characters, not only white space.</summary>
    public void RequireText(string field, string? value, int max)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            Add(field, $"'{field}' is required.");
        }
        else if (value.Length > max)
        {
            Add(field, $"'{field}' must be at most {max} characters.");
        }
    }

    public Dictionary<string, string[]> ToDictionary() => _errors.ToDictionary(e => e.Key, e => e.Value.ToArray(), StringComparer.Ordinal);
}
