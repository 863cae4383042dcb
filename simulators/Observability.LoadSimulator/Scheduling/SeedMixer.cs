namespace Observability.LoadSimulator.Scheduling;

/// <summary>
/// Deterministic seeds (string.GetHashCode is randomised per process, so it cannot be used).
/// </summary>
internal static class SeedMixer
{
    public static int Mix(int runSeed, string scenario, long invocation)
    {
        // FNV-1a over the name, then a SplitMix64 finaliser to spread neighbouring invocation numbers.
        var hash = 14695981039346656037UL;
        foreach (var c in scenario)
        {
            hash = (hash ^ c) * 1099511628211UL;
        }

        var z = hash ^ ((ulong)(uint)runSeed << 32) ^ (ulong)invocation;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        z ^= z >> 31;
        return (int)(z & 0x7FFFFFFF);
    }
}
