using System.CommandLine;
using Observability.Cli.Output;
using Observability.Operations.DeadLetters;

namespace Observability.Cli.Commands.DeadLetters;

/// <summary><c>kit deadletters purge --yes</c>: deletes the letters the filters select. Without --yes it only counts them.</summary>
public static class DeadLettersPurgeCommand
{
    public static Command Create(KitConsole console)
    {
        var filter = new DeadLetterOptions();
        var yes = new Option<bool>("--yes") { Description = "Really delete them" };
        var command = new Command("purge", "Delete dead letters (the filters select which; --yes to confirm)") { yes };
        filter.AddTo(command);
        KitAction.Set(command, console, async (parse, console, session, cancellationToken) =>
        {
            var desk = new DeadLetterDesk(session.Connection, session.Js);
            if (!parse.GetValue(yes))
            {
                var selected = await desk.ListAsync(filter.Filter(parse), cancellationToken);
                throw new UsageException($"would delete {selected.Count} dead letter(s); add --yes to delete them");
            }

            var deleted = await desk.PurgeAsync(filter.Filter(parse), cancellationToken);
            if (parse.GetValue(CommonOptions.Json))
            {
                await JsonOutput.WriteAsync(console.Out, new { Deleted = deleted.Count, Sequences = deleted.Select(d => d.Sequence) });
            }
            else
            {
                await console.Out.WriteLineAsync($"Deleted {deleted.Count} dead letter(s).");
            }

            return ExitCodes.Ok;
        });
        return command;
    }
}
