namespace Observability.Operations.Audit;

/// <summary>One finding: its kind (<see cref="FindingKinds"/>), the order id or window key, the stream sequences involved and why.</summary>
public sealed record AuditFinding(string Kind, string Key, IReadOnlyList<ulong> Sequences, string Detail);
