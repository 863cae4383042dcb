using System.CommandLine;
using Observability.Cli.Output;
using Observability.Operations.Faults;

namespace Observability.Cli.Commands.Faults;

/// <summary><c>kit faults clear &lt;id&gt;|--all</c>.</summary>
public static class FaultsClearCommand
{
    public static Command Create(KitConsole console)
    {
        var id = new Argument<string?>("id") { Description = "The switch to clear", Arity = ArgumentArity.ZeroOrOne };
        var all = new Option<bool>("--all") { Description = "Clear every switch" };
        var command = new Command("clear", "Clear one fault switch, or all of them") { id, all };
        KitAction.Set(command, console, async (parse, console, session, cancellationToken) =>
        {
            var board = new FaultSwitchboard(session.Js);
            var target = parse.GetValue(id);
            if (parse.GetValue(all) == (target is not null))
            {
                throw new UsageException("give a switch id or --all (not both)");
            }

            if (target is null)
            {
                var cleared = await board.ClearAllAsync(cancellationToken);
                await Report(console, parse, new { Cleared = cleared }, $"Cleared {cleared} switch(es).");
                return ExitCodes.Ok;
            }

            if (!await board.ClearAsync(target, cancellationToken))
            {
                await console.Error.WriteLineAsync($"No fault switch '{target}'.");
                return ExitCodes.Failed;
            }

            await Report(console, parse, new { Cleared = 1, Id = target }, $"Cleared {target}.");
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Task Report(KitConsole console, ParseResult parse, object json, string text) =>
        parse.GetValue(CommonOptions.Json) ? JsonOutput.WriteAsync(console.Out, json) : console.Out.WriteLineAsync(text);
}
