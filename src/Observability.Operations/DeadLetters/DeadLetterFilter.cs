namespace Observability.Operations.DeadLetters;

/// <summary>Which dead letters a command applies to: by source stream, consumer and reason (null = any).</summary>
public sealed record DeadLetterFilter
{
    public string? Stream { get; init; }
    public string? Consumer { get; init; }
    public string? Reason { get; init; }

    public static DeadLetterFilter All { get; } = new();
}
