namespace Observability.Messaging.DeadLetters;

/// <summary>Why a message was dead-lettered: the <c>kit-dl-reason</c> header and the <c>reason</c> label of <c>kit_dead_letters_total</c>.</summary>
public static class DeadLetterReason
{
    public const string Unreadable = "unreadable";
    public const string UnknownType = "unknown_type";
    public const string SchemaInvalid = "schema_invalid";
    public const string MaxDeliveries = "max_deliveries";
    public const string Rejected = "rejected";
}
