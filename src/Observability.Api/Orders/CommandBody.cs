using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Net.Http.Headers;

namespace Observability.Api.Orders;

/// <summary>
/// Reads a command body by hand instead of relying on parameter binding, so that every bad body gets the same exact
/// contract: 400 ProblemDetails for an oversized body (not 413), a non-JSON content type (not 415), an empty body or
/// malformed JSON, each with its own problem type.
/// </summary>
internal static class CommandBody
{
    /// <summary>Commands are small; anything bigger is a mistake or an attack.</summary>
    public const int MaxBytes = 64 * 1024;

    /// <summary>The parsed body, or the problem to answer with.</summary>
    public readonly record struct Result<T>(T? Value, ProblemHttpResult? Problem);

    /// <param name="whenEmpty">The value of an empty body, or null when a body is required.</param>
    public static async Task<Result<T>> ReadAsync<T>(HttpRequest request, JsonSerializerOptions json, T? whenEmpty, CancellationToken cancellationToken)
        where T : class
    {
        if (request.ContentLength > MaxBytes)
        {
            return new(null, Problems.ApiProblems.BodyTooLarge(MaxBytes));
        }

        var body = await ReadBoundedAsync(request.Body, cancellationToken);
        if (body is null)
        {
            return new(null, Problems.ApiProblems.BodyTooLarge(MaxBytes));
        }

        if (body.Length == 0)
        {
            return whenEmpty is not null
                ? new(whenEmpty, null)
                : new(null, Problems.ApiProblems.MalformedBody("The request body is empty; a JSON object is required."));
        }

        if (!IsJson(request.ContentType))
        {
            return new(null, Problems.ApiProblems.UnsupportedContentType(request.ContentType));
        }

        try
        {
            var value = JsonSerializer.Deserialize<T>(body, json);
            return value is null
                ? new(null, Problems.ApiProblems.MalformedBody("The request body must be a JSON object, not null."))
                : new(value, null);
        }
        catch (JsonException ex)
        {
            // The path and position tell the client where; the message of the inner exception would leak types.
            var where = ex.Path is { Length: > 0 } path ? $" at {path}" : "";
            var position = ex.LineNumber is { } line ? $" (line {line + 1}, byte {ex.BytePositionInLine + 1})" : "";
            return new(null, Problems.ApiProblems.MalformedBody($"The JSON is malformed or a value has the wrong type{where}{position}."));
        }
    }

    /// <summary>Reads at most <see cref="MaxBytes"/>; null when the body is longer (a chunked body has no Content-Length to check).</summary>
    private static async Task<byte[]?> ReadBoundedAsync(Stream body, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[8192];
        int read;
        while ((read = await body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > MaxBytes)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }

    private static bool IsJson(string? contentType) =>
        MediaTypeHeaderValue.TryParse(contentType, out var media)
        && (media.MediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase)
            || media.Suffix.Equals("json", StringComparison.OrdinalIgnoreCase));
}
