using Observability.Contracts.Events;

namespace Observability.Messaging.Envelopes;

/// <summary>
/// A cheaper check a caller may put before the schema evaluation: true only when the payload certainly satisfies its
/// schema (then the evaluation is skipped); false means "ask the schema", never "invalid".
/// </summary>
public delegate bool SchemaPrecheck(EventTypeInfo type, ReadOnlySpan<byte> data);
