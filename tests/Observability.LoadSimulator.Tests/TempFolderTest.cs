using Observability.LoadSimulator.Reports;
using Observability.LoadSimulator.Statistics;

namespace Observability.LoadSimulator.Tests;

/// <summary>A test that writes reports into a fresh temp folder, deleted with the test.</summary>
public abstract class TempFolderTest(string prefix) : IDisposable
{
    protected string Folder { get; } = Path.Combine(Path.GetTempPath(), prefix + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        Dispose(disposing: true);
        GC.SuppressFinalize(this);
    }

    /// <summary>Writes every report of <paramref name="result"/>; returns their folder.</summary>
    protected Task<string> WriteReportsAsync(RunResult result) => ReportWriter.WriteAsync(result, Folder, CancellationToken.None);

    protected virtual void Dispose(bool disposing)
    {
        if (disposing && Directory.Exists(Folder))
        {
            Directory.Delete(Folder, recursive: true);
        }
    }
}
