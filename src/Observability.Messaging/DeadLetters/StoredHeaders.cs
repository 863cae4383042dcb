using System.Text;
using NATS.Client.Core;

namespace Observability.Messaging.DeadLetters;

/// <summary>Parses the header block the stream API returns (<c>NATS/1.0</c> then <c>Name: value</c> lines), base64-encoded.</summary>
internal static class StoredHeaders
{
    public static NatsHeaders Parse(string? base64)
    {
        var headers = new NatsHeaders();
        if (string.IsNullOrEmpty(base64))
        {
            return headers;
        }

        var text = Encoding.UTF8.GetString(Convert.FromBase64String(base64));
        foreach (var line in text.Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Skip(1))
        {
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0)
            {
                continue;
            }

            var name = line[..colon].Trim();
            var value = line[(colon + 1)..].Trim();
            headers[name] = headers.TryGetValue(name, out var existing) ? Microsoft.Extensions.Primitives.StringValues.Concat(existing, value) : value;
        }

        return headers;
    }
}
