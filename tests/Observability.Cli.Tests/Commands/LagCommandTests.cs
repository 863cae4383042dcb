using NATS.Client.JetStream;
using NATS.Client.JetStream.Models;
using Observability.Messaging.Topology;
using Observability.Testing;

namespace Observability.Cli.Tests.Commands;

[Collection(NatsCollection.Name)]
public sealed class LagCommandTests(NatsServerFixture nats) : JetStreamTest(nats)
{
    [Fact]
    public async Task A_durable_with_pending_messages_and_no_one_pulling_is_stopped_with_exit_code_1()
    {
        var name = "LAG" + Guid.NewGuid().ToString("N")[..8].ToUpperInvariant();
        await Js.CreateStreamAsync(new StreamConfig(name, [name.ToLowerInvariant() + ".>"]), Token);
        await Js.CreateOrUpdateConsumerAsync(name, JetStreamTopology.DurableConsumer("stuck", name.ToLowerInvariant() + ".>", TopologyOptions.Default), Token);
        for (var i = 0; i < 5; i++)
        {
            (await Js.PublishAsync(name.ToLowerInvariant() + ".x", new byte[] { 1 }, cancellationToken: Token)).EnsureSuccess();
        }

        var run = await KitRun.RunAsync(Nats.Url, "lag", "--durable", $"{name}/stuck", "--interval", "200ms", "--json");

        Assert.Equal(ExitCodes.Failed, run.ExitCode);
        var row = Assert.Single(run.Json.EnumerateArray());
        Assert.Equal("stopped", row.GetProperty("status").GetString());
        Assert.Equal(5, row.GetProperty("pending").GetDouble());
        Assert.Equal(5, row.GetProperty("lag").GetDouble());
        Assert.True(row.GetProperty("lagSeconds").GetDouble() >= 0);

        var table = await KitRun.RunAsync(Nats.Url, "lag", "--durable", $"{name}/stuck", "--watch", "--samples", "3", "--interval", "100ms");
        Assert.Equal(2, table.Out.Split("STATUS").Length - 1);
        Assert.Contains("not draining", table.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_durable_is_reported_as_missing()
    {
        var run = await KitRun.RunAsync(Nats.Url, "lag", "--durable", "ORDERS/no-such-consumer", "--interval", "100ms", "--json");

        Assert.Equal(ExitCodes.Failed, run.ExitCode);
        Assert.Equal("missing", Assert.Single(run.Json.EnumerateArray()).GetProperty("status").GetString());
    }

    [Fact]
    public async Task A_malformed_durable_is_a_usage_error()
    {
        Assert.Equal(ExitCodes.Usage, (await KitRun.RunAsync(Nats.Url, "lag", "--durable", "ORDERS")).ExitCode);
        Assert.Equal(ExitCodes.Usage, (await KitRun.RunAsync(Nats.Url, "lag", "--bogus")).ExitCode);
    }
}
