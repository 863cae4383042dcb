using NATS.Client.Core;

namespace Observability.Operations.Scanning;

/// <summary>One stored message as a stream scan hands it on: where it is, and its raw headers and payload.</summary>
internal readonly record struct ScannedMessage(ulong Sequence, string Subject, NatsHeaders? Headers, byte[] Data, DateTimeOffset Timestamp);
