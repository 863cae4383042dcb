using System.Diagnostics;
using System.Text;

namespace Observability.LoadSimulator.Faults;

/// <summary>Runs a broker-restart command through <c>/bin/sh -c</c> and times it; the output tail goes into the report.</summary>
public static class ShellCommand
{
    private const int OutputTail = 400;

    public static async Task<ShellCommandResult> RunAsync(string command, TimeSpan timeout, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(command);
        var psi = new ProcessStartInfo("/bin/sh")
        {
            ArgumentList = { "-c", command },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        var output = new StringBuilder();
        var started = Stopwatch.GetTimestamp();
        using var process = new Process { StartInfo = psi };
        void Append(object? sender, DataReceivedEventArgs e)
        {
            if (e.Data is null)
            {
                return;
            }

            lock (output)
            {
                output.AppendLine(e.Data);
            }
        }

        process.OutputDataReceived += Append;
        process.ErrorDataReceived += Append;
        try
        {
            process.Start();
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            return new ShellCommandResult(-1, ex.Message, TimeSpan.Zero, TimedOut: false);
        }

        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(timeout);
        var timedOut = false;
        try
        {
            await process.WaitForExitAsync(limit.Token);
        }
        catch (OperationCanceledException)
        {
            // Too slow or the run was cancelled: a restart left running would race the next step.
            timedOut = !cancellationToken.IsCancellationRequested;
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync(CancellationToken.None);
        }

        var elapsed = Stopwatch.GetElapsedTime(started);
        string text;
        lock (output)
        {
            text = output.ToString().Trim();
        }

        return new ShellCommandResult(process.ExitCode, text.Length > OutputTail ? "..." + text[^OutputTail..] : text, elapsed, timedOut);
    }
}
