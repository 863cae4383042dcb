using NATS.Client.Core;
using NATS.Client.JetStream;
using NATS.Client.JetStream.Models;
using NATS.Client.KeyValueStore;
using NATS.Net;
using Observability.Contracts.Topology;
using Observability.Messaging.Topology;

namespace Observability.Cluster.Tests.Permissions;

/// <summary>
/// Least privilege on a real nats-server running nats/auth.conf: each service's user can do its job and is refused what
/// it must not do. A refused publish or API call gets no answer (the server drops it with a permissions violation),
/// so every refusal is checked by its effect, read back as the operator: the stream is still there, nothing was stored.
/// </summary>
[Trait("Category", "Auth")]
public sealed class BrokerPermissionTests : IAsyncLifetime
{
    private readonly CancellationTokenSource _timeout = new(TimeSpan.FromSeconds(60));
    private NatsServer _server = null!;
    private NatsClient _operator = null!;
    private INatsJSContext _js = null!;

    private CancellationToken Token => _timeout.Token;

    public async Task InitializeAsync()
    {
        _server = await NatsServer.StartAsync(Token);
        _operator = _server.CreateClient();
        _js = _operator.CreateJetStreamContext();
        await JetStreamTopology.EnsureAsync(_js, TopologyOptions.Default, Token);
    }

    public async Task DisposeAsync()
    {
        await _operator.DisposeAsync();
        await _server.DisposeAsync();
        _timeout.Dispose();
    }

    [Fact]
    public async Task A_client_without_credentials_or_with_a_wrong_password_is_refused()
    {
        await using var anonymous = new NatsConnection(new NatsOpts { Url = _server.PlainUrl, MaxReconnectRetry = 0 });
        await Assert.ThrowsAnyAsync<NatsException>(async () => await anonymous.ConnectAsync());

        await using var wrong = new NatsConnection(new NatsOpts { Url = _server.UrlFor(NatsUsers.Producer with { Password = "not-the-password" }), MaxReconnectRetry = 0 });
        await Assert.ThrowsAnyAsync<NatsException>(async () => await wrong.ConnectAsync());
    }

    [Fact]
    public async Task The_producer_appends_to_its_streams_but_cannot_delete_or_purge_a_stream_publish_dead_letters_or_write_a_bucket()
    {
        await using var producer = Connect(NatsUsers.Producer);
        var js = producer.CreateJetStreamContext();
        (await js.PublishAsync(Subjects.Order("perm-" + Guid.NewGuid().ToString("N")[..8]), "{}"u8.ToArray(), cancellationToken: Token)).EnsureSuccess();
        (await js.PublishAsync(Subjects.Click("page"), "{}"u8.ToArray(), cancellationToken: Token)).EnsureSuccess();

        await AssertRefusedAsync(() => js.DeleteStreamAsync(Streams.Orders, Token).AsTask());
        await AssertRefusedAsync(() => js.PurgeStreamAsync(Streams.Clickstream, new StreamPurgeRequest(), Token).AsTask());
        await AssertNothingStoredAsync(Streams.DeadLetter, () => js.PublishAsync(Subjects.DeadLetter(Streams.Orders, Consumers.OrderSummary), "{}"u8.ToArray(), cancellationToken: Token).AsTask());
        await AssertNothingStoredAsync("KV_" + Buckets.OrderSummaries, () => js.PublishAsync($"$KV.{Buckets.OrderSummaries}.forged", "{}"u8.ToArray(), cancellationToken: Token).AsTask());
        await AssertStreamsIntactAsync();
    }

    [Fact]
    public async Task Processors_write_their_buckets_and_dead_letters_but_cannot_append_to_ORDERS_or_delete_a_stream_or_their_durable()
    {
        await using var processors = Connect(NatsUsers.Processors);
        var js = processors.CreateJetStreamContext();
        var summaries = await new NatsKVContext(js).GetStoreAsync(Buckets.OrderSummaries, Token);
        await summaries.PutAsync("perm-" + Guid.NewGuid().ToString("N")[..8], "{}"u8.ToArray(), cancellationToken: Token);
        (await js.PublishAsync(Subjects.DeadLetter(Streams.Orders, Consumers.OrderSummary), "{}"u8.ToArray(), cancellationToken: Token)).EnsureSuccess();

        await AssertNothingStoredAsync(Streams.Orders, () => js.PublishAsync(Subjects.Order("forged"), "{}"u8.ToArray(), cancellationToken: Token).AsTask());
        await AssertNothingStoredAsync(Streams.Clickstream, () => js.PublishAsync(Subjects.Click("forged"), "{}"u8.ToArray(), cancellationToken: Token).AsTask());
        await AssertRefusedAsync(() => js.DeleteStreamAsync(Streams.Orders, Token).AsTask());
        await AssertRefusedAsync(() => js.DeleteConsumerAsync(Streams.Orders, Consumers.OrderSummary, Token).AsTask());
        await AssertNothingStoredAsync("KV_" + Buckets.Faults, () => js.PublishAsync($"$KV.{Buckets.Faults}.forged", "{}"u8.ToArray(), cancellationToken: Token).AsTask());
        await AssertStreamsIntactAsync();
    }

    [Fact]
    public async Task The_API_appends_orders_but_cannot_delete_a_stream_publish_dead_letters_or_flip_a_fault_switch()
    {
        await using var api = Connect(NatsUsers.Api);
        var js = api.CreateJetStreamContext();
        (await js.PublishAsync(Subjects.Order("perm-" + Guid.NewGuid().ToString("N")[..8]), "{}"u8.ToArray(), cancellationToken: Token)).EnsureSuccess();

        await AssertRefusedAsync(() => js.DeleteStreamAsync(Streams.Orders, Token).AsTask());
        await AssertNothingStoredAsync(Streams.DeadLetter, () => js.PublishAsync(Subjects.DeadLetter(Streams.Orders, Consumers.OrderSummary), "{}"u8.ToArray(), cancellationToken: Token).AsTask());
        await AssertNothingStoredAsync("KV_" + Buckets.Faults, () => js.PublishAsync($"$KV.{Buckets.Faults}.forged", "{}"u8.ToArray(), cancellationToken: Token).AsTask());
        await AssertStreamsIntactAsync();
    }

    [Fact]
    public async Task Only_the_operator_may_delete_a_stream()
    {
        var name = "PERM_" + Guid.NewGuid().ToString("N")[..8];
        await _js.CreateStreamAsync(new StreamConfig(name, [$"perm.{name}.>"]), Token);
        await using var loadsim = Connect(NatsUsers.LoadSim);
        await AssertRefusedAsync(() => loadsim.CreateJetStreamContext().DeleteStreamAsync(name, Token).AsTask());
        Assert.Equal(name, (await _js.GetStreamAsync(name, cancellationToken: Token)).Info.Config.Name);

        Assert.True(await _js.DeleteStreamAsync(name, Token));
        await Assert.ThrowsAsync<NatsJSApiException>(async () => await _js.GetStreamAsync(name, cancellationToken: Token));
    }

    /// <summary>A client as <paramref name="credential"/>, with a short timeout: a refused request is never answered.</summary>
    private NatsClient Connect(NatsCredential credential) =>
        new(new NatsOpts { Url = _server.UrlFor(credential), Name = credential.User, RequestTimeout = TimeSpan.FromSeconds(1) });

    private static async Task AssertRefusedAsync(Func<Task> call) =>
        await Assert.ThrowsAnyAsync<NatsException>(call);

    /// <summary>The publish fails and <paramref name="stream"/> holds as many messages as before it.</summary>
    private async Task AssertNothingStoredAsync(string stream, Func<Task> publish)
    {
        var before = (await _js.GetStreamAsync(stream, cancellationToken: Token)).Info.State.Messages;
        await Assert.ThrowsAnyAsync<Exception>(publish);
        Assert.Equal(before, (await _js.GetStreamAsync(stream, cancellationToken: Token)).Info.State.Messages);
    }

    private async Task AssertStreamsIntactAsync()
    {
        Assert.True(await JetStreamTopology.IsPresentAsync(_js, Token), "a stream or durable is gone");
    }
}
