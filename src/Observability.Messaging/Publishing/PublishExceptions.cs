namespace Observability.Messaging.Publishing;

/// <summary>The append lost an optimistic-concurrency race: the subject's last sequence was not the expected one.</summary>
public sealed class AppendConflictException(string subject, ulong? expected, string detail)
    : Exception($"Append to {subject} expected last sequence {expected}: {detail}")
{
    public string Subject { get; } = subject;
    public ulong? ExpectedSequence { get; } = expected;
}

/// <summary>The broker refused the publish for another reason (no stream, limits, ...), or did not answer.</summary>
public sealed class PublishFailedException(string subject, string detail, Exception? inner = null)
    : Exception($"Publish to {subject} failed: {detail}", inner)
{
    public string Subject { get; } = subject;
}
