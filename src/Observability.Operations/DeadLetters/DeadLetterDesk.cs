using System.Text.Json;
using NATS.Client.Core;
using NATS.Client.JetStream;
using NATS.Client.JetStream.Models;
using Observability.Contracts.Events;
using Observability.Contracts.Replay;
using Observability.Contracts.Topology;
using Observability.Messaging.DeadLetters;

namespace Observability.Operations.DeadLetters;

/// <summary>
/// Lists, shows, replays and purges the letters of the DEADLETTER stream. A replay asks the processors of the letter's
/// consumer (request/reply on <see cref="Subjects.Replay"/>) to apply the source message again; a letter whose message
/// is then applied (or already was) is deleted, since nothing is left to do about it.
/// </summary>
public sealed class DeadLetterDesk(INatsConnection connection, INatsJSContext js)
{
    private readonly DeadLetterReader _reader = new(js);

    public async Task<IReadOnlyList<DeadLetter>> ListAsync(DeadLetterFilter filter, CancellationToken cancellationToken)
    {
        if (filter.Consumer is not null && filter.Stream is null)
        {
            // The subject is deadletter.<stream>.<consumer>: without a stream, match the consumer header instead.
            var all = await _reader.ListAsync(cancellationToken: cancellationToken);
            return [.. all.Where(d => d.Source.Consumer == filter.Consumer && Matches(d, filter))];
        }

        var letters = await _reader.ListAsync(filter.Stream, filter.Consumer, cancellationToken);
        return [.. letters.Where(d => Matches(d, filter))];
    }

    /// <summary>The letter at a DEADLETTER sequence, or null.</summary>
    public async Task<DeadLetter?> FindAsync(ulong sequence, CancellationToken cancellationToken) =>
        (await _reader.ListAsync(cancellationToken: cancellationToken)).FirstOrDefault(d => d.Sequence == sequence);

    /// <summary>Deletes one letter by its DEADLETTER sequence; false when it was not there.</summary>
    public async Task<bool> DeleteAsync(ulong sequence, CancellationToken cancellationToken)
    {
        var stream = await js.GetStreamAsync(Streams.DeadLetter, cancellationToken: cancellationToken);
        try
        {
            var response = await stream.DeleteMessageAsync(new StreamMsgDeleteRequest { Seq = sequence, NoErase = true }, cancellationToken);
            return response.Success;
        }
        catch (NatsJSApiException ex) when (ex.Error.Code is 400 or 404)
        {
            return false;
        }
    }

    /// <summary>Deletes every letter the filter selects; returns the deleted ones.</summary>
    public async Task<IReadOnlyList<DeadLetter>> PurgeAsync(DeadLetterFilter filter, CancellationToken cancellationToken)
    {
        var deleted = new List<DeadLetter>();
        foreach (var letter in await ListAsync(filter, cancellationToken))
        {
            if (await DeleteAsync(letter.Sequence, cancellationToken))
            {
                deleted.Add(letter);
            }
        }

        return deleted;
    }

    /// <summary>Sends a <see cref="ReplayRequest"/> for the letter's source message and deletes the letter once it is resolved.</summary>
    public async Task<ReplayResult> ReplayAsync(DeadLetter letter, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var request = JsonSerializer.SerializeToUtf8Bytes(new ReplayRequest(letter.Source.Stream, letter.Source.Sequence), KitJson.Default.ReplayRequest);
        ReplayResponse? response;
        try
        {
            var reply = await connection.RequestAsync<byte[], byte[]>(
                Subjects.Replay(letter.Source.Consumer), request, replyOpts: new NatsSubOpts { Timeout = timeout }, cancellationToken: cancellationToken);
            response = reply.Data is { Length: > 0 } data ? JsonSerializer.Deserialize(data, KitJson.Default.ReplayResponse) : null;
        }
        catch (NatsNoRespondersException)
        {
            return Result(letter, ReplayResult.NoResponders, $"no processor listens on {Subjects.Replay(letter.Source.Consumer)}", deleted: false);
        }
        catch (NatsNoReplyException)
        {
            return Result(letter, ReplayResult.Timeout, $"no answer within {timeout.TotalSeconds:0.#} s", deleted: false);
        }
        catch (JsonException ex)
        {
            return Result(letter, ReplayResult.BadResponse, ex.Message, deleted: false);
        }

        if (response is null)
        {
            return Result(letter, ReplayResult.BadResponse, "empty answer", deleted: false);
        }

        var resolved = response.Outcome is ReplayOutcomes.Applied or ReplayOutcomes.AlreadyApplied;
        var deleted = resolved && await DeleteAsync(letter.Sequence, cancellationToken);
        return Result(letter, response.Outcome, response.Detail, deleted);
    }

    private static ReplayResult Result(DeadLetter letter, string outcome, string? detail, bool deleted) =>
        new(letter.Sequence, letter.Source.Stream, letter.Source.Consumer, letter.Source.Sequence, outcome, detail, deleted);

    private static bool Matches(DeadLetter letter, DeadLetterFilter filter) =>
        (filter.Reason is null || letter.Reason == filter.Reason)
        && (filter.Stream is null || letter.Source.Stream == filter.Stream)
        && (filter.Consumer is null || letter.Source.Consumer == filter.Consumer);
}
