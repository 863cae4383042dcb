namespace Observability.Benchmarks;

/// <summary>The result of a timed projection run: messages settled, how long it took, and how they ended.</summary>
internal sealed record ProjectionRun(int Messages, TimeSpan Elapsed, int Applied, int Duplicates, int Failed)
{
    public double PerSecond => Messages / Elapsed.TotalSeconds;
}
