using System.CommandLine;
using System.Globalization;
using Observability.Cli.Output;
using Observability.Messaging.DeadLetters;
using Observability.Operations.DeadLetters;

namespace Observability.Cli.Commands.DeadLetters;

/// <summary>
/// <c>kit deadletters replay [seq]</c>: asks the processors to apply each letter's source message again; a letter
/// whose message is applied (or already was) is deleted. Exit code 1 unless every letter was resolved.
/// </summary>
public static class DeadLettersReplayCommand
{
    public static Command Create(KitConsole console)
    {
        var filter = new DeadLetterOptions();
        var sequence = new Argument<ulong?>("seq") { Description = "One DEADLETTER sequence (default: every letter the filters select)", Arity = ArgumentArity.ZeroOrOne };
        var timeout = new Option<string>("--timeout") { Description = "How long to wait for a processor's answer, per letter", DefaultValueFactory = _ => "5s" };
        var command = new Command("replay", "Replay dead letters through their processors and delete the resolved ones") { sequence, timeout };
        filter.AddTo(command);
        KitAction.Set(command, console, async (parse, console, session, cancellationToken) =>
        {
            var wait = Durations.Parse(parse.GetValue(timeout)!, "--timeout");
            var desk = new DeadLetterDesk(session.Connection, session.Js);
            IReadOnlyList<DeadLetter> letters;
            if (parse.GetValue(sequence) is { } one)
            {
                letters = await desk.FindAsync(one, cancellationToken) is { } letter ? [letter] : [];
                if (letters.Count == 0)
                {
                    await console.Error.WriteLineAsync($"No dead letter at sequence {one}.");
                    return ExitCodes.Failed;
                }
            }
            else
            {
                letters = await desk.ListAsync(filter.Filter(parse), cancellationToken);
            }

            var results = new List<ReplayResult>();
            foreach (var letter in letters)
            {
                results.Add(await desk.ReplayAsync(letter, wait, cancellationToken));
            }

            if (parse.GetValue(CommonOptions.Json))
            {
                await JsonOutput.WriteAsync(console.Out, results);
            }
            else
            {
                var table = new TextTable("SEQ", "STREAM", "CONSUMER", "SOURCE SEQ", "OUTCOME", "DELETED", "DETAIL");
                foreach (var r in results)
                {
                    table.Add(r.DeadLetterSequence.ToString(CultureInfo.InvariantCulture), r.Stream, r.Consumer, r.SourceSequence.ToString(CultureInfo.InvariantCulture),
                        r.Outcome, r.Deleted ? "yes" : "no", r.Detail);
                }

                await table.WriteAsync(console.Out);
                await console.Out.WriteLineAsync($"{results.Count(r => r.Resolved)} of {results.Count} resolved.");
            }

            return results.All(r => r.Resolved) ? ExitCodes.Ok : ExitCodes.Failed;
        });
        return command;
    }
}
