using Observability.LoadSimulator.Accuracy;

namespace Observability.LoadSimulator.Tests;

public sealed class HttpAccuracyTests
{
    private const string HeyOutput = """

        Summary:
          Total:	10.0109 secs
          Slowest:	0.0724 secs
          Fastest:	0.0000 secs
          Average:	0.0025 secs
          Requests/sec:	4529.2674

        Latency distribution:
          10% in 0.0008 secs
          50% in 0.0018 secs
          95% in 0.0058 secs
          99% in 0.0225 secs

        Status code distribution:
          [200]	45342 responses
        0m0.004s 0m0.001s
        0m2.970s 0m1.000s
        """;

    [Fact]
    public void Hey_output_reads_as_rate_percentiles_in_ms_and_the_cpu_of_the_children()
    {
        var figures = HeyRun.Parse(HeyOutput)!;

        Assert.Equal("hey", figures.Generator);
        Assert.Equal(4529.2674, figures.AchievedRate, 3);
        Assert.Equal(1.8, figures.P50Ms, 6);
        Assert.Equal(5.8, figures.P95Ms, 6);
        Assert.Equal(22.5, figures.P99Ms, 6);
        Assert.Equal(3.97, figures.CpuSeconds, 6);
    }

    [Fact]
    public void Output_without_a_summary_is_no_figures() => Assert.Null(HeyRun.Parse("error: connection refused"));
}
