using System.Text.RegularExpressions;
using Observability.Stack.Tests.Support;

namespace Observability.Stack.Tests.Compose;

public sealed partial class ComposeFileTests
{
    private const long DefaultProfileBudget = 2560L * 1024 * 1024; // 2.5 GiB

    private static readonly Dictionary<string, string?> WithPassword = new() { ["GRAFANA_ADMIN_PASSWORD"] = "test-only-password" };

    [Fact]
    public async Task Docker_compose_v1_accepts_the_file_with_every_profile()
    {
        var result = await ExternalTool.RunAsync(
            "docker-compose", ["-f", ComposeFile.Path, "--profile", "load", "--profile", "tools", "config", "--services"],
            environment: WithPassword);
        Assert.True(result.ExitCode == 0, $"docker-compose config rejected {ComposeFile.Path}: {result.Describe()}");

        var services = result.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        string[] expected = ["nats", "otel-collector", "tempo", "loki", "prometheus", "grafana", "api", "processors", "producer", "loadsim", "kit", "nats-exporter", "alertmanager", "alert-receiver"];
        Assert.All(expected, s => Assert.Contains(s, services));
    }

    [Fact]
    public async Task Docker_compose_v1_renders_the_default_profile_without_warnings()
    {
        var result = await ExternalTool.RunAsync("docker-compose", ["-f", ComposeFile.Path, "config"], environment: WithPassword);
        Assert.True(result.ExitCode == 0, result.Describe());
        Assert.DoesNotContain("WARNING", result.StandardError, StringComparison.Ordinal);
        Assert.Contains("GRAFANA_ADMIN_PASSWORD: test-only-password", result.StandardOutput, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Grafana_has_no_default_admin_password_and_the_stack_starts_without_one()
    {
        // `docker compose up -d --build` must work as the first command, with no .env: then Grafana generates a
        // random admin password at start. No password may ever stand in the file itself.
        var emptyEnvFile = Path.GetTempFileName();
        try
        {
            var result = await ExternalTool.RunAsync(
                "docker-compose", ["-f", ComposeFile.Path, "--env-file", emptyEnvFile, "config"],
                environment: new Dictionary<string, string?> { ["GRAFANA_ADMIN_PASSWORD"] = null });
            Assert.True(result.ExitCode == 0, result.StandardError);
            Assert.DoesNotContain("GF_SECURITY_ADMIN_PASSWORD:", result.StandardOutput, StringComparison.Ordinal);
            Assert.Contains("/dev/urandom", result.StandardOutput, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(emptyEnvFile);
        }

        Assert.Contains("GRAFANA_ADMIN_PASSWORD=", Repo.Read(".env.example"), StringComparison.Ordinal);
    }

    [Fact]
    public void Every_bind_mounted_host_path_exists()
    {
        var compose = ComposeFile.Load();
        var missing = new List<string>();
        foreach (var (name, service) in compose.Services)
        {
            foreach (var volume in Yaml.ListOrEmpty(Yaml.At(service, "volumes")))
            {
                var source = volume is string s ? s.Split(':')[0] : Yaml.String(volume, "source");
                if (source is not null && (source.StartsWith("./", StringComparison.Ordinal) || source.StartsWith('/')) && !Repo.Exists(source))
                {
                    missing.Add($"{name}: {source}");
                }
            }
        }

        Assert.True(missing.Count == 0, $"Bind mounts whose host path does not exist:\n{string.Join("\n", missing)}");
    }

    [Fact]
    public void The_dotnet_services_are_built_and_everything_else_runs_a_published_image()
    {
        // How each one is built (the root Dockerfile, its build args) is DockerfileTests' subject.
        var compose = ComposeFile.Load();
        var built = compose.Services.Where(s => Yaml.At(s.Value, "build") is not null).Select(s => s.Key);
        Assert.Equal(["api", "kit", "loadsim", "nats-exporter", "processors", "producer"], built.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Default_profile_fits_in_two_and_a_half_gigabytes_and_the_docs_list_every_limit()
    {
        var compose = ComposeFile.Load();
        var doc = Repo.Read("docs/observability-stack.md");
        long total = 0;
        var problems = new List<string>();
        foreach (var name in compose.DefaultProfileServices())
        {
            var limit = Yaml.String(compose.Services[name], "mem_limit");
            if (limit is null)
            {
                problems.Add($"{name} has no mem_limit");
                continue;
            }

            total += ComposeFile.ParseBytes(limit) * compose.Replicas(name);
            if (!Regex.IsMatch(doc, $@"\|\s*`{Regex.Escape(name)}`\s*\|[^\n]*\b{Regex.Escape(limit)}\b"))
            {
                problems.Add($"docs/observability-stack.md has no footprint row `{name}` | ... {limit}");
            }
        }

        Assert.True(problems.Count == 0, string.Join("\n", problems));
        Assert.True(total <= DefaultProfileBudget, $"Default profile memory limits add up to {total / 1024 / 1024} MiB, above 2560 MiB");
        Assert.Matches(TotalRow(), doc);
        Assert.Contains($"{total / 1024 / 1024} MiB", doc, StringComparison.Ordinal);
    }

    [Fact]
    public void Processors_run_two_replicas_and_only_the_load_simulator_is_in_the_load_profile()
    {
        var compose = ComposeFile.Load();
        Assert.Equal(2, compose.Replicas("processors"));
        Assert.Equal(["load"], compose.Profiles("loadsim"));
        Assert.Null(Yaml.At(compose.Services["processors"], "ports")); // replicas cannot share a host port
    }

    [Fact]
    public void The_kit_tool_is_a_one_shot_command_in_the_tools_profile_pointed_at_the_nats_service()
    {
        var compose = ComposeFile.Load();
        Assert.Equal(["tools"], compose.Profiles("kit"));
        Assert.Equal("${NATS_URL:-nats://nats:4222}", compose.Environment("kit")["NATS_URL"]);
        Assert.Equal("service_healthy", Yaml.String(compose.Services["kit"], "depends_on", "nats", "condition"));
        Assert.Null(Yaml.At(compose.Services["kit"], "ports"));
    }

    [Fact]
    public void Processors_restart_after_a_crash_fault()
    {
        var compose = ComposeFile.Load();
        var result = Yaml.String(compose.Services["processors"], "restart");
        Assert.Contains(result, new[] { "unless-stopped", "on-failure", "always" });
    }

    [Theory]
    [InlineData("api")]
    [InlineData("processors")]
    [InlineData("producer")]
    public void Dotnet_services_wait_for_a_healthy_NATS_have_a_health_check_and_export_OTLP_to_the_collector(string name)
    {
        var compose = ComposeFile.Load();
        var service = compose.Services[name];
        Assert.Equal("service_healthy", Yaml.String(service, "depends_on", "nats", "condition"));
        Assert.Contains("/alive", string.Join(' ', Yaml.Strings(Yaml.At(service, "healthcheck", "test"))), StringComparison.Ordinal);

        var environment = compose.Environment(name);
        Assert.Equal(name, environment["OTEL_SERVICE_NAME"]);
        Assert.Equal("http://otel-collector:4317", environment["OTEL_EXPORTER_OTLP_ENDPOINT"]);
        Assert.Equal("8080", environment["ASPNETCORE_HTTP_PORTS"]);
        Assert.Equal("${NATS_URL:-nats://nats:4222}", environment["Nats__Url"]);
        Assert.Contains("otel-collector", compose.Services.Keys);
    }

    [Fact]
    public void Every_service_with_dependents_that_wait_for_health_has_a_health_check()
    {
        var compose = ComposeFile.Load();
        var problems = new List<string>();
        foreach (var (name, service) in compose.Services)
        {
            foreach (var (dependency, condition) in Yaml.MapOrEmpty(Yaml.At(service, "depends_on")))
            {
                if (!compose.Services.ContainsKey(dependency))
                {
                    problems.Add($"{name} depends on unknown service {dependency}");
                }
                else if (Yaml.String(condition, "condition") == "service_healthy" && Yaml.At(compose.Services[dependency], "healthcheck") is null)
                {
                    problems.Add($"{name} waits for {dependency} to be healthy, but {dependency} has no healthcheck");
                }
            }
        }

        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [Fact]
    public void Every_image_is_pinned()
    {
        var compose = ComposeFile.Load();
        var unpinned = compose.Services
            .Where(s => Yaml.At(s.Value, "build") is null)
            .Select(s => (s.Key, Image: Yaml.String(s.Value, "image") ?? string.Empty))
            .Where(s => !s.Image.Contains(':', StringComparison.Ordinal) || s.Image.EndsWith(":latest", StringComparison.Ordinal))
            .Select(s => $"{s.Key}: '{s.Image}'")
            .ToList();
        Assert.True(unpinned.Count == 0, $"Images without a pinned tag: {string.Join(", ", unpinned)}");
    }

    [GeneratedRegex(@"\|\s*\*\*[Tt]otal")]
    private static partial Regex TotalRow();
}
