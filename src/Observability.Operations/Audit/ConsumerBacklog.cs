namespace Observability.Operations.Audit;

/// <summary>A durable consumer's backlog when the audit looked: what it has not processed yet, and its ack floor.</summary>
public sealed record ConsumerBacklog(string Stream, string Consumer, bool Exists, ulong Pending, long AckPending, ulong AckFloor)
{
    public ulong Lag => Pending + (ulong)Math.Max(0, AckPending);

    /// <summary>A message above the ack floor of a consumer with lag may still be in flight; at or below it, it was acked.</summary>
    public bool MayStillProcess(ulong sequence) => Exists && Lag > 0 && sequence > AckFloor;
}
