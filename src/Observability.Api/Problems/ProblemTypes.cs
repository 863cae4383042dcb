namespace Observability.Api.Problems;

/// <summary>
/// The <c>type</c> URIs of every problem the API answers with (RFC 9457). They are identifiers, documented in
/// docs/api.md, not links: clients switch on them, never on titles.
/// </summary>
public static class ProblemTypes
{
    private const string Prefix = "urn:observability-kit:problem:";

    /// <summary>400: fields of the body or query failed validation (the <c>errors</c> member lists them).</summary>
    public const string Validation = Prefix + "validation";

    /// <summary>400: the body is empty when one is required, or is not JSON of the expected shape.</summary>
    public const string MalformedBody = Prefix + "malformed-body";

    /// <summary>400: the body is not <c>application/json</c>.</summary>
    public const string UnsupportedContentType = Prefix + "unsupported-content-type";

    /// <summary>400: the body is larger than the command limit (64 KiB).</summary>
    public const string BodyTooLarge = Prefix + "body-too-large";

    /// <summary>404: no such order (or event type).</summary>
    public const string NotFound = Prefix + "not-found";

    /// <summary>409: a lifecycle rule forbids the command in the order's current state.</summary>
    public const string RuleViolation = Prefix + "rule-violation";

    /// <summary>409: another command appended to the order between this one's read and append; retry it.</summary>
    public const string ConcurrencyConflict = Prefix + "concurrency-conflict";

    /// <summary>202: the order is in the event store but the projection has not written it yet.</summary>
    public const string ProjectionPending = Prefix + "projection-pending";

    /// <summary>503: the broker did not answer or refused the request.</summary>
    public const string BrokerUnavailable = Prefix + "broker-unavailable";
}
