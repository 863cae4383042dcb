using Observability.Stack.Tests.Support;

namespace Observability.Stack.Tests.Compose;

/// <summary>
/// Compose runs NATS with authorisation on: nats/auth.conf, passwords generated at first start into a volume (none in
/// the repository, none needed in .env), and every client connects as its own user.
/// </summary>
public sealed class BrokerAuthorisationTests
{
    [Fact]
    public void The_broker_runs_the_kit_permissions_with_passwords_generated_at_first_start()
    {
        var compose = ComposeFile.Load();
        var nats = compose.Services["nats"];
        var command = string.Join(' ', Yaml.Strings(Yaml.At(nats, "command")));
        Assert.Contains(". /etc/nats/secrets/passwords.env", command, StringComparison.Ordinal);
        Assert.Contains("nats-server -c /etc/nats/auth.conf", command, StringComparison.Ordinal);
        var volumes = Yaml.Strings(Yaml.At(nats, "volumes"));
        Assert.Contains("./nats/auth.conf:/etc/nats/auth.conf:ro", volumes);
        Assert.Contains("nats-secrets:/etc/nats/secrets:ro", volumes);
        Assert.Equal("service_completed_successfully", Yaml.String(nats, "depends_on", "nats-credentials", "condition"));

        var generator = compose.Services["nats-credentials"];
        Assert.Contains("./nats/generate-passwords.sh:/etc/nats/generate-passwords.sh:ro", Yaml.Strings(Yaml.At(generator, "volumes")));
        Assert.Contains("nats-secrets:/secrets", Yaml.Strings(Yaml.At(generator, "volumes")));
        Assert.Equal("no", Yaml.String(generator, "restart"));
    }

    [Theory]
    [InlineData("api")]
    [InlineData("processors")]
    [InlineData("producer")]
    [InlineData("loadsim")]
    public void Each_service_connects_as_its_own_user_with_its_generated_password(string name)
    {
        var compose = ComposeFile.Load();
        var environment = compose.Environment(name);
        Assert.Equal(name, environment["Nats__User"]);
        Assert.Equal($"/run/kit-nats/{name}", environment["Nats__PasswordFile"]);
        Assert.Contains("nats-secrets:/run/kit-nats:ro", Yaml.Strings(Yaml.At(compose.Services[name], "volumes")));
    }

    [Fact]
    public void The_kit_tool_connects_as_the_operator()
    {
        var environment = ComposeFile.Load().Environment("kit");
        Assert.Equal("kit", environment["NATS_USER"]);
        Assert.Equal("/run/kit-nats/kit", environment["NATS_PASSWORD_FILE"]);
    }

    [Fact]
    public void The_permissions_name_every_user_the_generator_makes_and_hold_no_password()
    {
        var auth = Repo.Read("nats/auth.conf");
        var generator = Repo.Read("nats/generate-passwords.sh");
        foreach (var user in new[] { "kit", "api", "producer", "processors", "loadsim" })
        {
            Assert.Contains($"{{ user: {user}, password: $NATS_{user.ToUpperInvariant()}_PASSWORD", auth, StringComparison.Ordinal);
            Assert.Contains(user, generator, StringComparison.Ordinal);
        }

        Assert.DoesNotMatch(@"password:\s*[""'][^$]", auth);
    }
}
