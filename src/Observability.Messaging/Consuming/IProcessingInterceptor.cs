namespace Observability.Messaging.Consuming;

/// <summary>
/// A step around the handler: the hook where a fault switch (exceptions, slowness, crashes) plugs in. Throwing in
/// <see cref="BeforeHandleAsync"/> fails the batch before any write; throwing in <see cref="AfterHandleAsync"/> fails it
/// after the writes and before the acks, the case that makes idempotent projections necessary.
/// </summary>
public interface IProcessingInterceptor
{
    ValueTask BeforeHandleAsync(IReadOnlyList<ConsumedEvent> events, CancellationToken cancellationToken);

    ValueTask AfterHandleAsync(IReadOnlyList<ConsumedEvent> events, CancellationToken cancellationToken);
}
