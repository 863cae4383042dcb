namespace Observability.Benchmarks;

/// <summary>Command-line options of the benchmark.</summary>
internal sealed record BenchOptions
{
    public string Url { get; init; } = "nats://127.0.0.1:4222";

    /// <summary>Messages per measured repetition.</summary>
    public int Messages { get; init; } = 200_000;

    /// <summary>Measured repetitions per figure (the median is reported).</summary>
    public int Repetitions { get; init; } = 3;

    /// <summary>Payload size of the raw runs; the kit's events are sized to match.</summary>
    public int PayloadBytes { get; init; } = 256;

    /// <summary>Publishes kept in flight by both the raw and the kit publisher.</summary>
    public int Window { get; init; } = 1000;

    public static BenchOptions Parse(string[] args)
    {
        var o = new BenchOptions();
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            o = args[i] switch
            {
                "--url" => o with { Url = args[i + 1] },
                "--messages" => o with { Messages = int.Parse(args[i + 1], System.Globalization.CultureInfo.InvariantCulture) },
                "--reps" => o with { Repetitions = int.Parse(args[i + 1], System.Globalization.CultureInfo.InvariantCulture) },
                "--size" => o with { PayloadBytes = int.Parse(args[i + 1], System.Globalization.CultureInfo.InvariantCulture) },
                "--window" => o with { Window = int.Parse(args[i + 1], System.Globalization.CultureInfo.InvariantCulture) },
                _ => throw new ArgumentException($"unknown option {args[i]}"),
            };
        }

        return o;
    }
}
