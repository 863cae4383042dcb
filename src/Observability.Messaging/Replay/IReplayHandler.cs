using Observability.Contracts.Replay;

namespace Observability.Messaging.Replay;

/// <summary>
/// A handler that replays a stored message its own way. Without it, a replay hands the message to
/// <see cref="Consuming.IEventHandler.HandleAsync"/> like a delivery, which suits handlers that record every sequence
/// they counted; a projection that keeps one position per key must refold instead, since the replayed message lies
/// behind that position.
/// </summary>
public interface IReplayHandler
{
    ValueTask<ReplayResponse> ReplayAsync(string subject, ulong sequence, CancellationToken cancellationToken);
}
