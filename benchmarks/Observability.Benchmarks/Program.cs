using System.Text.Json;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using NATS.Client.Core;
using NATS.Client.JetStream;
using Observability.Benchmarks;
using Observability.Messaging.Publishing;
using Observability.ServiceDefaults;
using OpenTelemetry;
using OpenTelemetry.Trace;

// Measures, in one run on one machine, the raw NATS.Net ceilings and the kit's own paths with full telemetry,
// and prints their ratios. Warm-up first, then repetitions; medians are reported. The LAST line is one JSON object.
var options = BenchOptions.Parse(args);
using var cts = new CancellationTokenSource(TimeSpan.FromMinutes(20));
var ct = cts.Token;

if (options.Mode == "audit")
{
    await using var auditConnection = new NatsConnection(NatsOpts.Default with { Url = options.Url, Name = "bench-audit", RequestTimeout = TimeSpan.FromSeconds(30) });
    await auditConnection.ConnectAsync();
    Console.WriteLine($"audit benchmark: {options.Orders:N0} orders x {options.EventsPerOrder} events, {options.Repetitions} reps, nats-server {auditConnection.ServerInfo?.Version}");
    var auditFigures = await AuditBenchmark.RunAsync(new NatsJSContext(auditConnection), options, ct);
    Console.WriteLine(JsonSerializer.Serialize(auditFigures));
    return;
}

// The kit's real telemetry configuration (ServiceDefaults), exporting to a discarding batch exporter.
var builder = Host.CreateApplicationBuilder(["--environment", "Production"]);
builder.Configuration["OTEL_SERVICE_NAME"] = "bench";
var exporter = new DiscardingExporter();
if (options.Telemetry)
{
    builder.AddKitTelemetry();
    builder.Services.ConfigureOpenTelemetryTracerProvider(t => t.AddProcessor(new BatchActivityExportProcessor(exporter)));
}

builder.Logging.ClearProviders();
using var host = builder.Build();
await host.StartAsync(ct);

await using var connection = new NatsConnection(NatsOpts.Default with { Url = options.Url, Name = "bench" });
var js = new NatsJSContext(connection);
var publisher = new EventPublisher(js, new EventPublisherOptions { Source = "/kit/bench", MaxInFlight = options.Window });

var figures = new Dictionary<string, List<double>>
{
    ["raw_publish"] = [],
    ["raw_consume_ack"] = [],
    ["raw_publish_kit_headers"] = [],
    ["kit_publish"] = [],
    ["kit_process"] = [],
};

await connection.ConnectAsync();
Console.WriteLine($"benchmark: {options.Messages} messages x {options.Repetitions} reps, {options.PayloadBytes} B, window {options.Window}, telemetry {(options.Telemetry ? "on" : "off")}, nats-server {connection.ServerInfo?.Version}");
for (var rep = 0; rep <= options.Repetitions; rep++)
{
    var warmUp = rep == 0;
    var n = warmUp ? Math.Max(10_000, options.Messages / 10) : options.Messages;
    var stream = $"BENCH_RAW_{rep}";
    var rawPublish = await RawNats.PublishAsync(js, stream, n, options.PayloadBytes, options.Window, ct);
    var rawConsume = await RawNats.ConsumeAckAsync(js, stream, n, ct);
    await js.DeleteStreamAsync(stream, ct);
    var rawHeaders = await RawNats.PublishAsync(js, stream + "_H", n, options.PayloadBytes, options.Window, ct, kitHeaders: true);
    await js.DeleteStreamAsync(stream + "_H", ct);

    await KitPipeline.ResetAsync(js, ct);
    var kitPublish = await KitPipeline.PublishAsync(publisher, n, options.PayloadBytes, $"b{rep}", ct);

    // The real order-summary projection processor over the events just published: decode, validate, span, fold,
    // KV compare-and-set write, ack.
    var run = await OrderSummaryBenchmark.RunAsync(js, n, cancellationToken: ct);
    if (run.Failed > 0 || run.Applied != n)
    {
        throw new InvalidOperationException($"projection applied {run.Applied} of {n}, {run.Failed} failed");
    }

    var kitProcess = run.PerSecond;

    Console.WriteLine($"{(warmUp ? "warm-up" : $"rep {rep}"),-8} raw publish {rawPublish,10:N0}/s  raw consume+ack {rawConsume,10:N0}/s  raw publish+headers {rawHeaders,10:N0}/s  kit publish {kitPublish,10:N0}/s  kit process {kitProcess,10:N0}/s");
    if (!warmUp)
    {
        figures["raw_publish"].Add(rawPublish);
        figures["raw_consume_ack"].Add(rawConsume);
        figures["raw_publish_kit_headers"].Add(rawHeaders);
        figures["kit_publish"].Add(kitPublish);
        figures["kit_process"].Add(kitProcess);
    }
}

await host.StopAsync(ct);
var medians = figures.ToDictionary(f => f.Key, f => Median(f.Value));
var result = new Dictionary<string, object>
{
    ["messages"] = options.Messages,
    ["repetitions"] = options.Repetitions,
    ["payload_bytes"] = options.PayloadBytes,
    ["telemetry"] = options.Telemetry,
    ["server_version"] = connection.ServerInfo?.Version ?? "",
    ["raw_publish_per_s"] = Math.Round(medians["raw_publish"]),
    ["raw_consume_ack_per_s"] = Math.Round(medians["raw_consume_ack"]),
    ["kit_publish_per_s"] = Math.Round(medians["kit_publish"]),
    ["kit_process_per_s"] = Math.Round(medians["kit_process"]),
    ["raw_publish_kit_headers_per_s"] = Math.Round(medians["raw_publish_kit_headers"]),
    ["publish_ratio"] = Math.Round(medians["kit_publish"] / medians["raw_publish"], 3),
    ["process_ratio"] = Math.Round(medians["kit_process"] / medians["raw_consume_ack"], 3),
    ["spans_exported"] = exporter.Exported,
};

Console.WriteLine();
Console.WriteLine($"{"figure",-24}{"median/s",12}");
foreach (var (name, value) in medians)
{
    Console.WriteLine($"{name,-24}{value,12:N0}");
}

Console.WriteLine($"{"publish_ratio",-24}{result["publish_ratio"],12}");
Console.WriteLine($"{"process_ratio",-24}{result["process_ratio"],12}");
Console.WriteLine();
Console.WriteLine("spans exported, by source and operation:");
foreach (var (name, count) in exporter.BySource.OrderByDescending(kv => kv.Value))
{
    Console.WriteLine($"  {name,-48}{count,12:N0}");
}

Console.WriteLine(JsonSerializer.Serialize(result));

static double Median(List<double> values)
{
    var sorted = values.Order().ToList();
    return sorted.Count == 0 ? 0 : sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
}

