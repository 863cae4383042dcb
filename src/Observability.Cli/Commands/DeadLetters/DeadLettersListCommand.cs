using System.CommandLine;
using System.Globalization;
using Observability.Cli.Output;
using Observability.Operations.DeadLetters;

namespace Observability.Cli.Commands.DeadLetters;

/// <summary><c>kit deadletters list</c>: the letters, oldest first, filtered.</summary>
public static class DeadLettersListCommand
{
    public static Command Create(KitConsole console)
    {
        var filter = new DeadLetterOptions();
        var limit = new Option<int>("--limit") { Description = "Show at most this many (newest last)", DefaultValueFactory = _ => 100 };
        var command = new Command("list", "List dead letters") { limit };
        filter.AddTo(command);
        KitAction.Set(command, console, async (parse, console, session, cancellationToken) =>
        {
            var letters = await new DeadLetterDesk(session.Connection, session.Js).ListAsync(filter.Filter(parse), cancellationToken);
            var shown = letters.TakeLast(Math.Max(0, parse.GetValue(limit))).ToList();
            if (parse.GetValue(CommonOptions.Json))
            {
                await JsonOutput.WriteAsync(console.Out, new { Total = letters.Count, Letters = shown.Select(l => DeadLetterView.Of(l, withPayload: false)) });
                return ExitCodes.Ok;
            }

            var table = new TextTable("SEQ", "STORED", "STREAM", "CONSUMER", "SOURCE SEQ", "REASON", "TYPE", "DETAIL");
            foreach (var l in shown)
            {
                table.Add(l.Sequence.ToString(CultureInfo.InvariantCulture), l.StoredAt.ToString("u", CultureInfo.InvariantCulture), l.Source.Stream, l.Source.Consumer,
                    l.Source.Sequence.ToString(CultureInfo.InvariantCulture), l.Reason, l.EventType, l.Detail);
            }

            await table.WriteAsync(console.Out);
            await console.Out.WriteLineAsync($"{letters.Count} dead letter(s){(shown.Count < letters.Count ? $", {shown.Count} shown" : "")}.");
            return ExitCodes.Ok;
        });
        return command;
    }
}
