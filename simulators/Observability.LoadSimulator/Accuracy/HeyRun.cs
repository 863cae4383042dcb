using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;

namespace Observability.LoadSimulator.Accuracy;

/// <summary>
/// <c>hey</c> (when installed) at the same rate on the same target, as the reference: a warm-up run, then the
/// measured one. hey's rate is per worker (-q), so the workers are the rate / 100, at least 1.
/// </summary>
internal static partial class HeyRun
{
    public static string? Find() =>
        (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(':').Select(d => Path.Combine(d, "hey")).FirstOrDefault(File.Exists);

    public static async Task<HttpFigures?> MeasureAsync(Uri url, double rate, TimeSpan warmUp, TimeSpan duration, CancellationToken cancellationToken)
    {
        if (Find() is not { } hey)
        {
            return null;
        }

        var workers = Math.Max(1, (int)Math.Round(rate / 100));
        var perWorker = Math.Max(1, (int)Math.Round(rate / workers));
        string Run(TimeSpan d) => string.Create(CultureInfo.InvariantCulture, $"{hey} -z {d.TotalSeconds:0.###}s -c {workers} -q {perWorker} {url}");
        // bash's `times` prints the CPU its children used: hey's own, warm-up included, as for loadsim.
        var script = $"{Run(warmUp)} >/dev/null && {Run(duration)} && times";
        using var process = Process.Start(new ProcessStartInfo("bash", ["-c", script]) { RedirectStandardOutput = true, RedirectStandardError = true })!;
        var output = await process.StandardOutput.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        return process.ExitCode == 0 ? Parse(output) : null;
    }

    internal static HttpFigures? Parse(string output)
    {
        double Seconds(string percentile) =>
            Regex.Match(output, $@"{Regex.Escape(percentile)}% in ([\d.]+) secs") is { Success: true } m ? double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture) * 1000 : double.NaN;
        var rps = RequestsPerSecond().Match(output);
        var times = ChildTimes().Matches(output);
        if (!rps.Success || times.Count < 2)
        {
            return null;
        }

        // The second line of `times` is the children's user and system time.
        var cpu = Minutes(times[^2]) + Minutes(times[^1]);
        return new HttpFigures("hey", double.Parse(rps.Groups[1].Value, CultureInfo.InvariantCulture), Seconds("50"), Seconds("95"), Seconds("99"), cpu);
    }

    private static double Minutes(Match m) =>
        (double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture) * 60) + double.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture);

    [GeneratedRegex(@"Requests/sec:\s+([\d.]+)")]
    private static partial Regex RequestsPerSecond();

    [GeneratedRegex(@"(\d+)m([\d.]+)s")]
    private static partial Regex ChildTimes();
}
