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
}
