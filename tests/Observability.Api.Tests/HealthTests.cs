using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Observability.Api.Problems;
using Observability.ServiceDefaults;
using Observability.Testing;

namespace Observability.Api.Tests;

/// <summary>Its own broker and API host: the test stops the broker, which the shared collection must never see.</summary>
public sealed class HealthTests : IAsyncLifetime
{
    private readonly CancellationTokenSource _timeout = new(TimeSpan.FromSeconds(30));
    private NatsServer _nats = null!;
    private ApiFactory _factory = null!;
    private HttpClient _client = null!;

    public async Task InitializeAsync()
    {
        _nats = await NatsServer.StartAsync(_timeout.Token);
        _factory = new ApiFactory(_nats.Url);
        _client = _factory.CreateClient();
        await _factory.Services.GetRequiredService<TopologyInitializer>().Ready.WaitAsync(_timeout.Token);
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _factory.DisposeAsync();
        await _nats.DisposeAsync();
        _timeout.Dispose();
    }

    [Fact]
    public async Task Health_is_healthy_with_a_broker_and_unhealthy_without_while_alive_stays_200_and_commands_get_503()
    {
        using (var healthy = await _client.GetAsync("/health", _timeout.Token))
        {
            Assert.Equal(HttpStatusCode.OK, healthy.StatusCode);
            Assert.Equal("Healthy", await StatusOfAsync(healthy));
        }

        _nats.Kill();

        await Eventually.UntilAsync(
            async () =>
            {
                using var response = await _client.GetAsync("/health", _timeout.Token);
                return response.StatusCode == HttpStatusCode.ServiceUnavailable && await StatusOfAsync(response) == "Unhealthy";
            },
            TimeSpan.FromSeconds(15),
            "/health should turn Unhealthy once the broker is gone");
        using var alive = await _client.GetAsync("/alive", _timeout.Token);
        Assert.Equal(HttpStatusCode.OK, alive.StatusCode);

        using var command = await _client.PostAsync(
            "/orders", new StringContent(ApiFixture.PlaceBody(ApiFixture.NewOrderId()), System.Text.Encoding.UTF8, "application/json"), _timeout.Token);
        await ProblemAssert.IsProblemAsync(command, HttpStatusCode.ServiceUnavailable, ProblemTypes.BrokerUnavailable);
        Assert.NotNull(command.Headers.RetryAfter);
    }

    private async Task<string?> StatusOfAsync(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync(_timeout.Token)).RootElement.GetProperty("status").GetString();
}
