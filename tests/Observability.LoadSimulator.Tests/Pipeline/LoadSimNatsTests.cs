using NATS.Client.Core;
using NATS.Net;
using Observability.LoadSimulator.Pipeline;
using Observability.Testing;

namespace Observability.LoadSimulator.Tests.Pipeline;

/// <summary>loadsim logs in as the broker's least-privilege <c>loadsim</c> user from the services' environment names.</summary>
public sealed class LoadSimNatsTests(NatsServerFixture nats) : IClassFixture<NatsServerFixture>
{
    [Fact]
    public async Task With_the_loadsim_user_and_its_password_file_loadsim_connects_to_an_authorising_broker()
    {
        var file = Path.GetTempFileName();
        try
        {
            await File.WriteAllTextAsync(file, NatsUsers.LoadSim.Password + "\n");
            var environment = new Dictionary<string, string> { ["Nats__User"] = "loadsim", ["Nats__PasswordFile"] = file };
            var opts = new NatsOpts { Url = nats.Server.PlainUrl, Name = "test", AuthOpts = LoadSimNats.Credentials(environment.GetValueOrDefault) };

            await using var client = new NatsClient(opts);
            await client.ConnectAsync();
            Assert.Equal(NatsConnectionState.Open, client.Connection.ConnectionState);
            var account = await client.CreateJetStreamContext().GetAccountInfoAsync();
            Assert.NotNull(account);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task Without_credentials_the_authorising_broker_refuses_loadsim()
    {
        var opts = new NatsOpts { Url = nats.Server.PlainUrl, Name = "test", AuthOpts = LoadSimNats.Credentials(_ => null), MaxReconnectRetry = 0 };

        await using var client = new NatsClient(opts);
        await Assert.ThrowsAnyAsync<NatsException>(async () => await client.ConnectAsync());
    }
}
