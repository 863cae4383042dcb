namespace Observability.Api.Orders;

/// <summary>How long a query may wait for the projection to reach the sequence its command returned. Section <c>ReadYourWrites</c>.</summary>
public sealed record ReadYourWritesOptions
{
    public const string Section = "ReadYourWrites";

    /// <summary>Wait when the query gives a minimum sequence but no <c>wait</c>. Default 2 s.</summary>
    public TimeSpan DefaultWait { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>Upper bound of <c>?wait=</c>; larger values are capped to it. Default 10 s.</summary>
    public TimeSpan MaxWait { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>The <c>Retry-After</c> given with a stale or pending answer. Default 1 s.</summary>
    public TimeSpan RetryAfter { get; init; } = TimeSpan.FromSeconds(1);
}
