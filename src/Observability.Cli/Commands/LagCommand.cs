using System.CommandLine;
using System.Globalization;
using NATS.Client.JetStream;
using Observability.Cli.Output;
using Observability.Messaging.Consuming;
using Observability.Messaging.Lag;

namespace Observability.Cli.Commands;

/// <summary>
/// <c>kit lag [--watch]</c>: per durable consumer, pending, ack pending, lag in seconds, redeliveries, status and an
/// estimated time to drain. The status needs two samples (<see cref="ConsumerStatusRule"/>, the rule the processors
/// export as <c>kit_consumer_status</c>), so a single run samples twice, <c>--interval</c> apart. Exit code 1 when a
/// consumer is stalled, stopped or missing.
/// </summary>
public static class LagCommand
{
    public static Command Create(KitConsole console)
    {
        var watch = new Option<bool>("--watch") { Description = "Keep sampling and redraw the table (Ctrl-C to stop)" };
        var interval = new Option<string>("--interval") { Description = "Time between samples", DefaultValueFactory = _ => "2s" };
        var samples = new Option<int?>("--samples") { Description = "With --watch: stop after this many samples" };
        var durable = new Option<string[]>("--durable")
        {
            Description = "STREAM/CONSUMER to watch, repeatable (default: ORDERS/order-summary and CLICKSTREAM/engagement)",
            AllowMultipleArgumentsPerToken = true,
        };
        var command = new Command("lag", "Consumer lag per durable: pending, ack pending, seconds, redeliveries, status, time to drain") { watch, interval, samples, durable };
        KitAction.Set(command, console, async (parse, console, session, cancellationToken) =>
        {
            var every = Durations.Parse(parse.GetValue(interval)!, "--interval");
            var durables = Durables(parse.GetValue(durable));
            var reader = new ConsumerLagReader(session.Js);
            var json = parse.GetValue(CommonOptions.Json);
            var previous = await SampleAsync(reader, durables, cancellationToken);
            var taken = 1;
            var limit = parse.GetValue(watch) ? parse.GetValue(samples) ?? int.MaxValue : 2;
            var exit = ExitCodes.Ok;
            while (taken < limit)
            {
                await Task.Delay(every, cancellationToken);
                var current = await SampleAsync(reader, durables, cancellationToken);
                taken++;
                var rows = durables.Select(d => LagRow.Of(d, previous[d], current[d])).ToList();
                exit = rows.Any(r => r.Status is "stalled" or "stopped" or "missing") ? ExitCodes.Failed : ExitCodes.Ok;
                if (json)
                {
                    await JsonOutput.WriteAsync(console.Out, rows);
                }
                else
                {
                    if (parse.GetValue(watch) && !console.OutputRedirected)
                    {
                        // Clear the screen and home the cursor: a live table, not a scrolling log.
                        await console.Out.WriteAsync("\u001b[2J\u001b[H");
                    }

                    await WriteAsync(console.Out, rows, current.Values.Select(s => s.Sample?.At).Max() ?? DateTimeOffset.UtcNow);
                }

                previous = current;
            }

            return exit;
        });
        return command;
    }

    private static List<DurableName> Durables(string[]? given)
    {
        if (given is not { Length: > 0 })
        {
            return [.. LagMonitorOptions.Default.Consumers];
        }

        return [.. given.Select(g => g.Split('/', 2) is [var stream, var consumer] && stream.Length > 0 && consumer.Length > 0
            ? new DurableName(stream, consumer)
            : throw new UsageException($"--durable '{g}' must be STREAM/CONSUMER"))];
    }

    private static async Task<Dictionary<DurableName, (LagSample? Sample, string? Error)>> SampleAsync(
        ConsumerLagReader reader, List<DurableName> durables, CancellationToken cancellationToken)
    {
        var result = new Dictionary<DurableName, (LagSample?, string?)>();
        foreach (var durable in durables)
        {
            try
            {
                result[durable] = (await reader.ReadAsync(durable, cancellationToken), null);
            }
            catch (NatsJSApiException ex)
            {
                result[durable] = (null, ex.Error.Description ?? ex.Message);
            }
        }

        return result;
    }

    private static async Task WriteAsync(TextWriter output, List<LagRow> rows, DateTimeOffset at)
    {
        var table = new TextTable("STREAM", "CONSUMER", "PENDING", "ACK PENDING", "LAG", "LAG SECONDS", "REDELIVERED", "WAITING", "STATUS", "DRAIN/S", "TIME TO DRAIN");
        foreach (var r in rows)
        {
            table.Add(r.Stream, r.Consumer, N(r.Pending), N(r.AckPending), N(r.Lag), r.LagSeconds?.ToString("0.0", CultureInfo.InvariantCulture),
                N(r.Redelivered), N(r.Waiting), r.Status, r.DrainPerSecond?.ToString("0.#", CultureInfo.InvariantCulture),
                r.Status switch
                {
                    "ok" => "0s",
                    "missing" => "-",
                    _ => r.SecondsToDrain is { } s ? Durations.Format(TimeSpan.FromSeconds(s)) : "not draining",
                });
        }

        await table.WriteAsync(output);
        await output.WriteLineAsync($"sampled {at:u}");
    }

    private static string? N(double? value) => value?.ToString("N0", CultureInfo.InvariantCulture);
}
