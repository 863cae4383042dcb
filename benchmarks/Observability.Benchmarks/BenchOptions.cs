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

    /// <summary>Run the kit's paths with telemetry on (the default, what the targets are about) or off, to see its cost.</summary>
    public bool Telemetry { get; init; } = true;

    /// <summary><c>pipeline</c> (the default: raw ceilings against the kit's paths) or <c>audit</c> (the delivery audit at scale).</summary>
    public string Mode { get; init; } = "pipeline";

    /// <summary>Audit mode: orders to fill the server with.</summary>
    public int Orders { get; init; } = 1_000_000;

    /// <summary>Audit mode: events per order (1 placed, 2 and paid, 3 and shipped).</summary>
    public int EventsPerOrder { get; init; } = 2;

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
                "--mode" => o with { Mode = args[i + 1] },
                "--orders" => o with { Orders = int.Parse(args[i + 1], System.Globalization.CultureInfo.InvariantCulture) },
                "--events-per-order" => o with { EventsPerOrder = int.Parse(args[i + 1], System.Globalization.CultureInfo.InvariantCulture) },
                "--telemetry" => o with { Telemetry = args[i + 1] != "off" },
                _ => throw new ArgumentException($"unknown option {args[i]}"),
            };
        }

        return o;
    }
}
