namespace Observability.LoadSimulator.Tests;

/// <summary>A fresh folder under the temp directory for one test's reports, deleted with the test.</summary>
public sealed class TempFolder : IDisposable
{
    public TempFolder(string prefix) => Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), prefix + Guid.NewGuid().ToString("N"));

    public string Path { get; }

    public void Dispose()
    {
        if (Directory.Exists(Path))
        {
            Directory.Delete(Path, recursive: true);
        }
    }
}
