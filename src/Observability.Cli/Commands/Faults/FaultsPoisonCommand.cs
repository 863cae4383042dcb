using System.CommandLine;
using Observability.Cli.Output;
using Observability.Contracts.Topology;
using Observability.Operations.Poison;

namespace Observability.Cli.Commands.Faults;

/// <summary><c>kit faults poison</c>: publishes unprocessable messages and prints where they were stored.</summary>
public static class FaultsPoisonCommand
{
    public static Command Create(KitConsole console)
    {
        var count = new Option<int>("--count") { Description = "How many messages", DefaultValueFactory = _ => 3 };
        var stream = new Option<string>("--stream") { Description = $"{Streams.Orders} or {Streams.Clickstream}", DefaultValueFactory = _ => Streams.Orders };
        var order = new Option<string?>("--order") { Description = "ORDERS: the order whose subject gets them (default: a new poison-* order)" };
        var kind = new Option<string[]>("--kind")
        {
            Description = $"Kinds to publish in turn, repeatable: {string.Join(", ", PoisonKinds.All)} (default: all, a mix)",
            AllowMultipleArgumentsPerToken = true,
        };
        var runId = new Option<string?>("--run-id") { Description = "Tag them with a load run id (header kit-run-id)" };
        var command = new Command("poison", "Publish unreadable, unknown-type and schema-invalid messages") { count, stream, order, kind, runId };
        KitAction.Set(command, console, async (parse, console, session, cancellationToken) =>
        {
            var kinds = parse.GetValue(kind) is { Length: > 0 } k ? k : [.. PoisonKinds.All];
            IReadOnlyList<PoisonMessage> published;
            try
            {
                published = await new PoisonPublisher(session.Js).PublishAsync(new PoisonOptions
                {
                    Count = parse.GetValue(count),
                    Stream = parse.GetValue(stream)!.ToUpperInvariant(),
                    OrderId = parse.GetValue(order),
                    Kinds = kinds,
                    RunId = parse.GetValue(runId),
                }, cancellationToken);
            }
            catch (ArgumentException ex)
            {
                throw new UsageException(ex.Message.Split(" (Parameter", 2)[0]);
            }

            if (parse.GetValue(CommonOptions.Json))
            {
                await JsonOutput.WriteAsync(console.Out, published);
                return ExitCodes.Ok;
            }

            var table = new TextTable("SEQUENCE", "STREAM", "SUBJECT", "KIND");
            foreach (var p in published)
            {
                table.Add(p.Sequence.ToString(System.Globalization.CultureInfo.InvariantCulture), p.Stream, p.Subject, p.Kind);
            }

            await table.WriteAsync(console.Out);
            return ExitCodes.Ok;
        });
        return command;
    }
}
