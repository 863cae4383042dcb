using System.Diagnostics;
using Observability.Testing;

namespace Observability.Producer.Tests;

/// <summary>The parts of scripts/run-local.sh that can be checked without starting the pipeline: syntax and option handling.</summary>
public sealed class RunLocalScriptTests
{
    private static Task<(int ExitCode, string Output)> RunAsync(params string[] args) => RunAsync(new Dictionary<string, string>(), args);

    private static async Task<(int ExitCode, string Output)> RunAsync(IReadOnlyDictionary<string, string> environment, params string[] args)
    {
        var psi = new ProcessStartInfo("bash")
        {
            WorkingDirectory = RepositoryRoot.Path,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var (key, value) in environment)
        {
            psi.Environment[key] = value;
        }

        foreach (var arg in args)
        {
            psi.ArgumentList.Add(arg);
        }

        using var process = Process.Start(psi)!;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        var stdout = process.StandardOutput.ReadToEndAsync(timeout.Token);
        var stderr = process.StandardError.ReadToEndAsync(timeout.Token);
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await stdout + await stderr);
    }

    [Fact]
    public async Task The_script_parses_and_its_help_lists_every_option()
    {
        Assert.Equal(0, (await RunAsync("-n", "scripts/run-local.sh")).ExitCode);

        var (exitCode, help) = await RunAsync("scripts/run-local.sh", "--help");

        Assert.Equal(0, exitCode);
        foreach (var option in new[] { "--rate", "--clicks", "--seed", "--processors", "--no-producer", "--no-observability", "--no-build", "restart-broker" })
        {
            Assert.Contains(option, help, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("--rate", "fast")]
    [InlineData("--processors", "0")]
    [InlineData("--processors", "99")]
    [InlineData("--seed", "-1")]
    [InlineData("--bogus", "")]
    public async Task A_bad_option_stops_the_script_before_it_starts_anything(string option, string value)
    {
        var (exitCode, output) = await RunAsync("scripts/run-local.sh", option, value);

        Assert.NotEqual(0, exitCode);
        Assert.Contains("run-local:", output, StringComparison.Ordinal);
        Assert.DoesNotContain("starting", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Restart_broker_without_a_running_instance_says_so_and_kills_nothing()
    {
        var run = Directory.CreateTempSubdirectory("kit-run-local-").FullName;
        try
        {
            var environment = new Dictionary<string, string> { ["KIT_RUN_DIR"] = run };
            var (exitCode, output) = await RunAsync(environment, "scripts/run-local.sh", "restart-broker");
            Assert.NotEqual(0, exitCode);
            Assert.Contains("no nats-server started by run-local.sh is running", output, StringComparison.Ordinal);

            // A pid file left behind by an instance that died: reported, not acted on.
            using (var gone = Process.Start("true")!)
            {
                await gone.WaitForExitAsync();
                await File.WriteAllTextAsync(Path.Combine(run, "nats.pid"), gone.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
            }

            (exitCode, output) = await RunAsync(environment, "scripts/run-local.sh", "restart-broker");
            Assert.NotEqual(0, exitCode);
            Assert.Contains("is not running", output, StringComparison.Ordinal);
            Assert.DoesNotContain("kill -9", output, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(run, recursive: true);
        }
    }

    [Fact]
    public async Task The_supervisor_restarts_a_killed_processor_restart_broker_brings_nats_back_and_SIGTERM_still_stops_everything()
    {
        KitService.FindBuildOutput("Observability.Processors");
        var run = Directory.CreateTempSubdirectory("kit-run-local-").FullName;
        // Ports of its own, so it runs beside a developer's instance or another test.
        var environment = new Dictionary<string, string>
        {
            ["KIT_RUN_DIR"] = run,
            ["KIT_NATS_PORT"] = Port(),
            ["KIT_NATS_MONITOR_PORT"] = Port(),
            ["KIT_API_PORT"] = Port(),
            ["KIT_PRODUCER_PORT"] = Port(),
            ["KIT_PROCESSOR_PORTS"] = Port(),
        };
        var processorsUrl = $"http://127.0.0.1:{environment["KIT_PROCESSOR_PORTS"]}/health";
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var script = ExternalProcess.Start("bash", ["scripts/run-local.sh", "--no-build", "--no-producer", "--no-observability"], environment);
        try
        {
            await Eventually.UntilAsync(() => script.Tail.Contains("Running (logs in", StringComparison.Ordinal) || script.HasExited, TimeSpan.FromSeconds(120), "the script starts nats, the API and the processors");
            Assert.False(script.HasExited, script.Tail);

            var crashed = int.Parse(await File.ReadAllTextAsync(Path.Combine(run, "processors.pid")), System.Globalization.CultureInfo.InvariantCulture);
            using (var victim = Process.GetProcessById(crashed))
            {
                victim.Kill();
            }

            await Eventually.UntilAsync(() => script.Tail.Contains("restarting processors (restart #1)", StringComparison.Ordinal), TimeSpan.FromSeconds(15), "the supervisor restarts the processors");
            Assert.Contains("processors exited (code 137)", script.Tail, StringComparison.Ordinal);
            await Eventually.UntilAsync(async () => await IsHealthyAsync(http, processorsUrl), TimeSpan.FromSeconds(60), "the restarted processors are healthy");
            Assert.NotEqual(crashed.ToString(System.Globalization.CultureInfo.InvariantCulture), (await File.ReadAllTextAsync(Path.Combine(run, "processors.pid"))).Trim());
            Assert.Contains("restarting processors", await File.ReadAllTextAsync(Path.Combine(run, "logs", "processors.log")), StringComparison.Ordinal);

            var (exitCode, output) = await RunAsync(environment, "scripts/run-local.sh", "restart-broker");
            Assert.True(exitCode == 0, output);
            Assert.Contains("nats-server is back", output, StringComparison.Ordinal);
            Assert.Contains("nats exited (code 137)", script.Tail, StringComparison.Ordinal);

            using (var term = Process.Start("kill", ["-TERM", script.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
            {
                await term.WaitForExitAsync();
            }

            await script.WaitForExitAsync(TimeSpan.FromSeconds(60));
            Assert.Contains("run-local: stopped", script.Tail, StringComparison.Ordinal);
            Assert.False(await IsHealthyAsync(http, processorsUrl));
            Assert.False(File.Exists(Path.Combine(run, "nats.pid")));
        }
        finally
        {
            await script.DisposeAsync();
            Directory.Delete(run, recursive: true);
        }
    }

    private static string Port() => NatsServer.FreePort().ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static async Task<bool> IsHealthyAsync(HttpClient http, string url)
    {
        try
        {
            using var response = await http.GetAsync(url);
            return response.IsSuccessStatusCode;
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
        {
            return false;
        }
    }
}
