namespace Observability.Messaging.Lag;

/// <summary>
/// A durable consumer's health, as <see cref="ConsumerStatusRule"/> decides it from two samples. Exported as
/// <c>kit_consumer_status{stream,consumer,status}</c> (1 for the current status) and shown by <c>kit lag</c>.
/// </summary>
public enum ConsumerStatus
{
    /// <summary>Caught up: nothing pending or awaiting an ack.</summary>
    Ok,

    /// <summary>Lag above 0 and the consumer is making progress.</summary>
    Behind,

    /// <summary>Lag above 0, someone is pulling, but neither the ack floor nor the lag moved between samples.</summary>
    Stalled,

    /// <summary>Lag above 0 and no one is pulling: no waiting pull request and no delivery or ack recently.</summary>
    Stopped,
}
