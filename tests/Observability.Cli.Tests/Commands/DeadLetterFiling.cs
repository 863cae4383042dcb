using System.Globalization;
using System.Text;
using NATS.Client.Core;
using NATS.Client.JetStream;
using Observability.Contracts.Topology;

namespace Observability.Cli.Tests.Commands;

/// <summary>Files dead letters the way the processors do (subject and kit-dl-* headers), for a consumer name of the test's own.</summary>
internal sealed class DeadLetterFiling(INatsJSContext js)
{
    public string Consumer { get; } = "c-" + Guid.NewGuid().ToString("N")[..10];

    public async Task<ulong> FileAsync(string reason, ulong sourceSequence, string payload, CancellationToken cancellationToken, string stream = Streams.Orders)
    {
        var headers = new NatsHeaders
        {
            [MessageHeaders.Type] = "orders.order-placed.v1",
            [MessageHeaders.Id] = Guid.NewGuid().ToString("N"),
            [MessageHeaders.DeadLetterReason] = reason,
            [MessageHeaders.DeadLetterDetail] = $"{reason} for the test",
            [MessageHeaders.DeadLetterStream] = stream,
            [MessageHeaders.DeadLetterSequence] = sourceSequence.ToString(CultureInfo.InvariantCulture),
            [MessageHeaders.DeadLetterConsumer] = Consumer,
            [MessageHeaders.DeadLetterDeliveries] = "1",
            [MessageHeaders.DeadLetterSubject] = "orders.o-dl",
        };
        var ack = await js.PublishAsync(Subjects.DeadLetter(stream, Consumer), Encoding.UTF8.GetBytes(payload), headers: headers, cancellationToken: cancellationToken);
        ack.EnsureSuccess();
        return ack.Seq;
    }
}
