namespace Observability.LoadSimulator.Scenarios;

/// <summary>What one iteration (or step) reports back: ok or fail, a status code, bytes moved, optionally its own latency.</summary>
public sealed class Response
{
    private Response(bool isError, string statusCode, long sizeBytes, string? message, TimeSpan? latency)
    {
        IsError = isError;
        StatusCode = statusCode;
        SizeBytes = sizeBytes;
        Message = message;
        Latency = latency;
    }

    /// <summary>True when the iteration failed.</summary>
    public bool IsError { get; }

    /// <summary>Free-form status ("200", "acked", "timeout"); counted per value in the report.</summary>
    public string StatusCode { get; }

    /// <summary>Bytes transferred, summed into the report.</summary>
    public long SizeBytes { get; }

    /// <summary>Optional explanation, kept for failures.</summary>
    public string? Message { get; }

    /// <summary>Service time measured by the scenario itself (e.g. end-to-end from a message header); null means measured by the engine.</summary>
    public TimeSpan? Latency { get; }

    /// <summary>A successful result. Status code defaults to "ok".</summary>
    public static Response Ok(string statusCode = "ok", long sizeBytes = 0, TimeSpan? latency = null, string? message = null) =>
        new(false, statusCode, sizeBytes, message, latency);

    /// <summary>A failed result. Status code defaults to "fail".</summary>
    public static Response Fail(string statusCode = "fail", string? message = null, long sizeBytes = 0, TimeSpan? latency = null) =>
        new(true, statusCode, sizeBytes, message, latency);
}
