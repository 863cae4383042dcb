using System.Diagnostics;
using System.Text;

namespace Observability.Stack.Tests.Support;

/// <summary>Runs a real command-line tool (promtool, docker-compose, bash) found on PATH.</summary>
internal static class ExternalTool
{
    // Debian puts nats-server and some admin tools in /usr/sbin, which a non-login PATH may lack.
    private static readonly string[] ExtraDirectories = ["/usr/local/bin", "/usr/bin", "/usr/sbin", "/bin"];

    /// <summary>The tool's full path; fails the test with a clear message when it is not installed.</summary>
    public static string Require(string name)
    {
        var path = Find(name);
        if (path is null)
        {
            Assert.Fail($"'{name}' was not found on PATH ({Environment.GetEnvironmentVariable("PATH")}). " +
                        "Install it with `bash scripts/install-deps.sh` (CI runs it from .ci/run).");
        }

        return path!;
    }

    public static string? Find(string name)
    {
        var dirs = (Environment.GetEnvironmentVariable("PATH") ?? string.Empty)
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Concat(ExtraDirectories);
        return dirs.Select(d => Path.Combine(d, name)).FirstOrDefault(File.Exists);
    }

    public static async Task<ToolResult> RunAsync(
        string tool,
        IEnumerable<string> arguments,
        string? workingDirectory = null,
        IReadOnlyDictionary<string, string?>? environment = null,
        TimeSpan? timeout = null)
    {
        var info = new ProcessStartInfo(Require(tool))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? RepositoryRoot.Path,
        };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        foreach (var (key, value) in environment ?? new Dictionary<string, string?>())
        {
            if (value is null)
            {
                info.Environment.Remove(key);
            }
            else
            {
                info.Environment[key] = value;
            }
        }

        using var process = new Process { StartInfo = info };
        var stdout = new StringBuilder();
        var stderr = new StringBuilder();
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) { lock (stdout) { stdout.AppendLine(e.Data); } } };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) { lock (stderr) { stderr.AppendLine(e.Data); } } };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(120));
        try
        {
            await process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"{tool} {string.Join(' ', info.ArgumentList)} did not finish within {timeout ?? TimeSpan.FromSeconds(120)}.");
        }

        process.WaitForExit(); // flushes the asynchronous output readers
        return new ToolResult(process.ExitCode, stdout.ToString(), stderr.ToString());
    }
}

internal sealed record ToolResult(int ExitCode, string StandardOutput, string StandardError)
{
    public string Describe() => $"exit code {ExitCode}\n--- stdout ---\n{StandardOutput}\n--- stderr ---\n{StandardError}";
}
