namespace Observability.Producer.World;

/// <summary>
/// Derives independent, stable sub-seeds from the run seed (SplitMix64). <see cref="HashCode"/> is randomised per
/// process, so it must never feed a seed: the same seed has to give the same world on every machine and every run.
/// </summary>
internal static class SeedMixer
{
    /// <summary>Sub-seed streams: one per kind of choice, so adding a click never shifts an order's story.</summary>
    public const ulong World = 1;
    public const ulong Orders = 2;
    public const ulong Clicks = 3;

    public static int Derive(int seed, ulong stream, long index)
    {
        var x = Mix(((ulong)(uint)seed << 32) ^ (stream * 0x9E3779B97F4A7C15UL));
        x = Mix(x ^ ((ulong)index * 0xBF58476D1CE4E5B9UL));
        return (int)(x & 0x7FFF_FFFF);
    }

    private static ulong Mix(ulong z)
    {
        z += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
