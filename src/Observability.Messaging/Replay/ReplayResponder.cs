using System.Diagnostics;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using NATS.Client.Core;
using NATS.Client.JetStream;
using NATS.Client.JetStream.Models;
using Observability.Contracts.Events;
using Observability.Contracts.Replay;
using Observability.Contracts.Topology;
using Observability.Messaging.Consuming;
using Observability.Messaging.Envelopes;
using Observability.Messaging.Telemetry;

namespace Observability.Messaging.Replay;

/// <summary>
/// Answers <see cref="ReplayRequest"/>s for one processor role on <see cref="Subjects.Replay"/> (a queue group, so
/// one replica answers): reads the stored message by sequence and hands it to the role's handler once more. The
/// replay's span links to the original trace instead of joining it.
/// </summary>
internal sealed class ReplayResponder(INatsConnection connection, INatsJSContext js, ConsumerHostOptions options, IEventHandler handler, ILogger logger)
{
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var subject = Subjects.Replay(options.Consumer);
        await foreach (var request in connection.SubscribeAsync<byte[]>(subject, queueGroup: subject, cancellationToken: cancellationToken))
        {
            ReplayResponse response;
            try
            {
                response = await ReplayAsync(request.Data, cancellationToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                logger.LogWarning(ex, "Replay for {Consumer} failed", options.Consumer);
                response = new ReplayResponse(ReplayOutcomes.StillFailing, ex.Message);
            }

            logger.LogInformation("Replay for {Consumer}: {Outcome} {Detail}", options.Consumer, response.Outcome, response.Detail);
            await request.ReplyAsync(JsonSerializer.SerializeToUtf8Bytes(response, KitJson.Default.ReplayResponse), cancellationToken: cancellationToken);
        }
    }

    private async Task<ReplayResponse> ReplayAsync(byte[]? data, CancellationToken cancellationToken)
    {
        ReplayRequest? request;
        try
        {
            request = data is { Length: > 0 } ? JsonSerializer.Deserialize(data, KitJson.Default.ReplayRequest) : null;
        }
        catch (JsonException ex)
        {
            return new ReplayResponse(ReplayOutcomes.StillFailing, $"not a replay request: {ex.Message}");
        }

        if (request is null || request.Stream != options.Stream)
        {
            return new ReplayResponse(ReplayOutcomes.StillFailing, $"consumer {options.Consumer} reads {options.Stream}, not {request?.Stream}");
        }

        var stream = await js.GetStreamAsync(options.Stream, cancellationToken: cancellationToken);
        NatsMsg<byte[]> msg;
        try
        {
            msg = await stream.GetDirectAsync<byte[]>(new StreamMsgGetRequest { Seq = request.Sequence }, cancellationToken: cancellationToken);
        }
        catch (NatsJSApiException ex) when (ex.Error.Code == 404)
        {
            return new ReplayResponse(ReplayOutcomes.NotFound, $"{options.Stream} has no message {request.Sequence}");
        }

        if (msg.Headers is null || msg.Headers.Code == 404 || !msg.Headers.TryGetValue("Nats-Subject", out var storedSubject))
        {
            return new ReplayResponse(ReplayOutcomes.NotFound, $"{options.Stream} has no message {request.Sequence}");
        }

        var subject = storedSubject.ToString();
        using var activity = KitActivities.Source.StartActivity(
            "process " + options.DestinationTemplate(subject), ActivityKind.Consumer, default(ActivityContext),
            links: TraceContext.Extract(msg.Headers) is { } remote && remote != default ? [new ActivityLink(remote)] : null);
        if (activity is not null)
        {
            MessagingSpans.TagOperation(activity, "process", "process", subject, options.DestinationTemplate(subject), options.Stream);
            activity.SetTag(KitActivities.ConsumerGroup, options.Consumer);
            activity.SetTag(KitActivities.StreamSequence, request.Sequence);
        }

        if (handler is IReplayHandler replayer)
        {
            return await replayer.ReplayAsync(subject, request.Sequence, cancellationToken);
        }

        var envelope = EnvelopeDecoder.Decode(msg.Headers, msg.Data ?? [], options.ValidateSchemas);
        if (!envelope.IsReadable)
        {
            return new ReplayResponse(ReplayOutcomes.StillFailing, $"{envelope.FailureReason}: {envelope.FailureDetail}");
        }

        var replayed = ConsumedEvent.ForReplay(subject, request.Sequence, envelope);
        await handler.HandleAsync([replayed], cancellationToken);
        return replayed.Outcome switch
        {
            HandleOutcome.Applied => new ReplayResponse(ReplayOutcomes.Applied),
            HandleOutcome.Duplicate => new ReplayResponse(ReplayOutcomes.AlreadyApplied),
            _ => new ReplayResponse(ReplayOutcomes.StillFailing, replayed.Detail),
        };
    }
}
