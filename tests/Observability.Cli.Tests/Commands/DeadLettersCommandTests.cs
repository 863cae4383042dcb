using System.Text.Json;
using Observability.Contracts.Events;
using Observability.Contracts.Replay;
using Observability.Contracts.Topology;
using Observability.Testing;

namespace Observability.Cli.Tests.Commands;

[Collection(NatsCollection.Name)]
public sealed class DeadLettersCommandTests(NatsServerFixture nats) : JetStreamTest(nats)
{
    [Fact]
    public async Task List_filters_by_stream_consumer_and_reason_and_show_prints_the_reason_headers_and_payload()
    {
        var filing = new DeadLetterFiling(Js);
        var unreadable = await filing.FileAsync("unreadable", 11, "{not json", Token);
        await filing.FileAsync("schema_invalid", 12, """{"orderId":"o-dl"}""", Token);
        await filing.FileAsync("unreadable", 13, "x", Token, stream: Streams.Clickstream);

        var all = await KitRun.RunAsync(Nats.Url, "deadletters", "list", "--consumer", filing.Consumer, "--json");
        var orders = await KitRun.RunAsync(Nats.Url, "deadletters", "list", "--stream", "ORDERS", "--consumer", filing.Consumer, "--json");
        var reason = await KitRun.RunAsync(Nats.Url, "deadletters", "list", "--consumer", filing.Consumer, "--reason", "unreadable", "--json");
        var table = await KitRun.RunAsync(Nats.Url, "deadletters", "list", "--consumer", filing.Consumer);

        Assert.Equal(3, all.Json.GetProperty("total").GetInt32());
        Assert.Equal([11UL, 12UL], orders.Json.GetProperty("letters").EnumerateArray().Select(l => l.GetProperty("sourceSequence").GetUInt64()));
        Assert.Equal([11UL, 13UL], reason.Json.GetProperty("letters").EnumerateArray().Select(l => l.GetProperty("sourceSequence").GetUInt64()));
        Assert.Contains("schema_invalid", table.Out, StringComparison.Ordinal);

        var show = await KitRun.RunAsync(Nats.Url, "deadletters", "show", unreadable.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.True(show.ExitCode == 0, show.ToString());
        Assert.Contains("reason:       unreadable", show.Out, StringComparison.Ordinal);
        Assert.Contains("ORDERS #11 on orders.o-dl", show.Out, StringComparison.Ordinal);
        Assert.Contains("kit-dl-reason: unreadable", show.Out, StringComparison.Ordinal);
        Assert.Contains("{not json", show.Out, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.Failed, (await KitRun.RunAsync(Nats.Url, "deadletters", "show", "999999999")).ExitCode);
    }

    [Fact]
    public async Task Purge_needs_yes_and_deletes_only_the_filtered_letters()
    {
        var filing = new DeadLetterFiling(Js);
        await filing.FileAsync("unreadable", 21, "a", Token);
        await filing.FileAsync("unreadable", 22, "b", Token);
        await filing.FileAsync("rejected", 23, "c", Token);

        var unconfirmed = await KitRun.RunAsync(Nats.Url, "deadletters", "purge", "--consumer", filing.Consumer, "--reason", "unreadable");
        Assert.Equal(ExitCodes.Usage, unconfirmed.ExitCode);
        Assert.Contains("would delete 2 dead letter(s); add --yes", unconfirmed.Error, StringComparison.Ordinal);

        var purge = await KitRun.RunAsync(Nats.Url, "deadletters", "purge", "--consumer", filing.Consumer, "--reason", "unreadable", "--yes", "--json");
        Assert.Equal(2, purge.Json.GetProperty("deleted").GetInt32());

        var left = await KitRun.RunAsync(Nats.Url, "deadletters", "list", "--consumer", filing.Consumer, "--json");
        var remaining = Assert.Single(left.Json.GetProperty("letters").EnumerateArray());
        Assert.Equal("rejected", remaining.GetProperty("reason").GetString());
    }

    [Fact]
    public async Task Replay_sends_the_source_stream_and_sequence_to_the_consumers_replay_subject_and_deletes_the_letter_it_resolved()
    {
        var filing = new DeadLetterFiling(Js);
        await filing.FileAsync("max_deliveries", 31, "{}", Token);
        await filing.FileAsync("unreadable", 32, "{}", Token);
        var requests = new List<ReplayRequest>();
        await using var responder = await Client.Connection.SubscribeCoreAsync<byte[]>(Subjects.Replay(filing.Consumer), cancellationToken: Token);
        var answering = Task.Run(async () =>
        {
            await foreach (var msg in responder.Msgs.ReadAllAsync(Token))
            {
                var request = JsonSerializer.Deserialize(msg.Data, KitJson.Default.ReplayRequest)!;
                lock (requests)
                {
                    requests.Add(request);
                }

                var response = request.Sequence == 31 ? new ReplayResponse(ReplayOutcomes.Applied) : new ReplayResponse(ReplayOutcomes.StillFailing, "still not JSON");
                await msg.ReplyAsync(JsonSerializer.SerializeToUtf8Bytes(response, KitJson.Default.ReplayResponse), cancellationToken: Token);
            }
        }, Token);
        await Client.Connection.PingAsync(Token);

        var replay = await KitRun.RunAsync(Nats.Url, "deadletters", "replay", "--consumer", filing.Consumer, "--json");

        Assert.Equal(ExitCodes.Failed, replay.ExitCode);
        Assert.Equal([new ReplayRequest(Streams.Orders, 31), new ReplayRequest(Streams.Orders, 32)], requests);
        var results = replay.Json.EnumerateArray().ToList();
        Assert.Equal(["applied", "still_failing"], results.Select(r => r.GetProperty("outcome").GetString()));
        Assert.Equal([true, false], results.Select(r => r.GetProperty("deleted").GetBoolean()));
        var left = await KitRun.RunAsync(Nats.Url, "deadletters", "list", "--consumer", filing.Consumer, "--json");
        Assert.Equal(32UL, Assert.Single(left.Json.GetProperty("letters").EnumerateArray()).GetProperty("sourceSequence").GetUInt64());
    }

    [Fact]
    public async Task Replay_without_a_processor_listening_says_so_and_keeps_the_letter()
    {
        var filing = new DeadLetterFiling(Js);
        var sequence = await filing.FileAsync("max_deliveries", 41, "{}", Token);

        var replay = await KitRun.RunAsync(Nats.Url, "deadletters", "replay", sequence.ToString(System.Globalization.CultureInfo.InvariantCulture), "--timeout", "1s");

        Assert.Equal(ExitCodes.Failed, replay.ExitCode);
        Assert.Contains("no_responders", replay.Out, StringComparison.Ordinal);
        var left = await KitRun.RunAsync(Nats.Url, "deadletters", "list", "--consumer", filing.Consumer, "--json");
        Assert.Equal(1, left.Json.GetProperty("total").GetInt32());
    }
}
