using System.CommandLine;
using Observability.Cli.Output;
using Observability.Operations.DeadLetters;

namespace Observability.Cli.Commands.DeadLetters;

/// <summary><c>kit deadletters show &lt;seq&gt;</c>: one letter with its headers and payload.</summary>
public static class DeadLettersShowCommand
{
    public static Command Create(KitConsole console)
    {
        var sequence = new Argument<ulong>("seq") { Description = "DEADLETTER sequence (from list)" };
        var command = new Command("show", "Show one dead letter: why, from where, headers and payload") { sequence };
        KitAction.Set(command, console, async (parse, console, session, cancellationToken) =>
        {
            var letter = await new DeadLetterDesk(session.Connection, session.Js).FindAsync(parse.GetValue(sequence), cancellationToken);
            if (letter is null)
            {
                await console.Error.WriteLineAsync($"No dead letter at sequence {parse.GetValue(sequence)}.");
                return ExitCodes.Failed;
            }

            var view = DeadLetterView.Of(letter, withPayload: true);
            if (parse.GetValue(CommonOptions.Json))
            {
                await JsonOutput.WriteAsync(console.Out, view);
                return ExitCodes.Ok;
            }

            var o = console.Out;
            await o.WriteLineAsync($"sequence:     {view.Sequence} (stored {view.StoredAt:u})");
            await o.WriteLineAsync($"reason:       {view.Reason}");
            await o.WriteLineAsync($"detail:       {view.Detail ?? "-"}");
            await o.WriteLineAsync($"source:       {view.Stream} #{view.SourceSequence} on {view.Subject}, consumer {view.Consumer}, {view.Deliveries} deliveries");
            await o.WriteLineAsync($"event:        {view.EventType ?? "-"} id {view.EventId ?? "-"}");
            await o.WriteLineAsync("headers:");
            foreach (var (name, value) in view.Headers.OrderBy(h => h.Key, StringComparer.Ordinal))
            {
                await o.WriteLineAsync($"  {name}: {value}");
            }

            await o.WriteLineAsync(view.Payload is not null ? $"payload:\n{view.Payload}" : $"payload (base64, not text):\n{view.PayloadBase64}");
            return ExitCodes.Ok;
        });
        return command;
    }
}
