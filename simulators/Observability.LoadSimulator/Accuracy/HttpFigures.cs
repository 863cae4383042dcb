namespace Observability.LoadSimulator.Accuracy;

/// <summary>One generator's figures against the static target.</summary>
/// <param name="Generator">"loadsim" or "hey".</param>
/// <param name="AchievedRate">Requests completed per second in the measured pass.</param>
/// <param name="P50Ms">Latency p50 (loadsim: from the intended start, so its own start delay is in it).</param>
/// <param name="P95Ms">Latency p95.</param>
/// <param name="P99Ms">Latency p99.</param>
/// <param name="CpuSeconds">CPU (user + system) the generator used over warm-up and measured pass.</param>
public sealed record HttpFigures(string Generator, double AchievedRate, double P50Ms, double P95Ms, double P99Ms, double CpuSeconds);
