using System.Text.RegularExpressions;

namespace Observability.Contracts.Topology;

/// <summary>Subject layout. One subject per order makes the expected-last-subject-sequence check an optimistic lock.</summary>
public static partial class Subjects
{
    public const string OrdersPrefix = "orders.";
    public const string OrdersAll = "orders.>";

    /// <summary>Low-cardinality name of the order subjects, for span names and the destination template attribute.</summary>
    public const string OrdersTemplate = "orders.{order_id}";

    public const string ClickstreamPrefix = "clicks.";
    public const string ClickstreamAll = "clicks.>";

    public const string DeadLetterPrefix = "deadletter.";
    public const string DeadLetterAll = "deadletter.>";

    /// <summary>Every subject the kit's own messages use: what telemetry traces, and nothing else.</summary>
    public static readonly IReadOnlyList<string> KitAll = [OrdersAll, ClickstreamAll, DeadLetterAll];

    /// <summary>The low-cardinality destination name of a subject, for span names: one name for all order subjects.</summary>
    public static string TemplateOf(string subject) =>
        subject.StartsWith(OrdersPrefix, StringComparison.Ordinal) ? OrdersTemplate : subject;

    /// <summary>Subject of one order's events. The id must be a valid <see cref="IsValidOrderId"/> token.</summary>
    public static string Order(string orderId) => OrdersPrefix + orderId;

    /// <summary>The order id of an order subject, or null when the subject is not one.</summary>
    public static string? OrderIdOf(string subject) =>
        subject.StartsWith(OrdersPrefix, StringComparison.Ordinal) ? subject[OrdersPrefix.Length..] : null;

    /// <summary>Subject of one clickstream event kind, e.g. <c>clicks.page_viewed</c>.</summary>
    public static string Click(string kind) => ClickstreamPrefix + kind;

    /// <summary>Dead letters are filed per source stream and consumer so one consumer's can be replayed alone.</summary>
    public static string DeadLetter(string stream, string consumer) => $"{DeadLetterPrefix}{stream}.{consumer}";

    /// <summary>Replay requests for one processor role (core NATS request/reply, one replica answers).</summary>
    public static string Replay(string consumer) => $"kit.replay.{consumer}";

    /// <summary>Order ids become one subject token: letters, digits, '-' and '_' only, 1 to 64 characters.</summary>
    public static bool IsValidOrderId(string? orderId) => orderId is not null && OrderIdPattern().IsMatch(orderId);

    [GeneratedRegex("^[A-Za-z0-9_-]{1,64}$")]
    private static partial Regex OrderIdPattern();
}
