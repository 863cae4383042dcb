using System.CommandLine;
using Observability.Cli.Commands;

namespace Observability.Cli;

/// <summary>
/// The command tree of <c>kit</c>. Each subcommand lives in its own file under Commands/ and is added here, so a new
/// one (e.g. <c>schemas</c>, <c>rebuild</c>) is one file and one line.
/// </summary>
public static class KitCli
{
    public static RootCommand Build(KitConsole console)
    {
        var root = new RootCommand("kit: operate the observability kit (fault switches, poison, delivery audit, dead letters, consumer lag)");
        root.Options.Add(CommonOptions.Nats);
        root.Options.Add(CommonOptions.Json);
        root.Subcommands.Add(FaultsCommand.Create(console));
        root.Subcommands.Add(AuditCommand.Create(console));
        root.Subcommands.Add(DeadLettersCommand.Create(console));
        root.Subcommands.Add(LagCommand.Create(console));
        return root;
    }

    /// <summary>Parses and runs; a command line that does not parse is exit code 2 with the parser's messages.</summary>
    public static async Task<int> RunAsync(string[] args, KitConsole console, CancellationToken cancellationToken)
    {
        var parse = Build(console).Parse(args);
        if (parse.Errors.Count > 0)
        {
            foreach (var error in parse.Errors)
            {
                await console.Error.WriteLineAsync(error.Message);
            }

            await console.Error.WriteLineAsync("Run 'kit --help' (or 'kit <command> --help') for usage.");
            return ExitCodes.Usage;
        }

        return await parse.InvokeAsync(new InvocationConfiguration { Output = console.Out, Error = console.Error }, cancellationToken);
    }
}
