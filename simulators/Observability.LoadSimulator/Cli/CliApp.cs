using System.CommandLine;
using Observability.LoadSimulator.Scenarios;
using Observability.LoadSimulator.Simulations;
using Spectre.Console;

namespace Observability.LoadSimulator.Cli;

/// <summary>
/// Entry point of the <c>loadsim</c> command line (System.CommandLine: <c>--help</c> on every command, parse-time
/// validation, and completions through <c>dotnet-suggest</c>): list, run, accuracy.
/// </summary>
public static class CliApp
{
    public static RootCommand Build(ScenarioCatalog catalog, IAnsiConsole console)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        var root = new RootCommand("loadsim: load simulator (open and closed model, coordinated-omission-free latency). Exit codes: 0 ok, 1 thresholds failed, 2 aborted, 3 bad config or usage.");
        var list = new Command("list", "Lists the scenarios in the catalog");
        list.SetAction(_ =>
        {
            List(catalog, console);
            return ExitCodes.Ok;
        });
        var runLine = new RunCommandLine();
        var run = runLine.Create(catalog);
        run.SetAction((parse, cancellationToken) => Guard(console, () => RunCommand.ExecuteAsync(runLine.From(parse), catalog, console, cancellationToken)));
        root.Subcommands.Add(list);
        root.Subcommands.Add(run);
        root.Subcommands.Add(AccuracyCommand.Create(console, Guard));
        return root;
    }

    /// <summary>Parses and runs; a command line that does not parse is exit code 3 with the parser's messages.</summary>
    public static async Task<int> RunAsync(string[] args, ScenarioCatalog catalog, IAnsiConsole console, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(console);
        // "loadsim" and "loadsim help" show the help, as they always have.
        string[] line = args is [] or ["help"] ? ["--help"] : args;
        var parse = Build(catalog, console).Parse(line);
        var output = console.Profile.Out.Writer;
        if (parse.Errors.Count > 0)
        {
            foreach (var error in parse.Errors)
            {
                console.MarkupLine($"[red]error:[/] {Markup.Escape(error.Message)}");
            }

            console.WriteLine("Run 'loadsim --help' (or 'loadsim <command> --help') for usage.");
            return ExitCodes.BadUsage;
        }

        return await parse.InvokeAsync(new InvocationConfiguration { Output = output, Error = output }, cancellationToken);
    }

    internal static async Task<int> Guard(IAnsiConsole console, Func<Task<int>> body)
    {
        try
        {
            return await body();
        }
        catch (InvalidLoadSimulationException ex)
        {
            console.MarkupLine($"[red]error:[/] {Markup.Escape(ex.Message)}");
            return ExitCodes.BadUsage;
        }
    }

    private static void List(ScenarioCatalog catalog, IAnsiConsole console)
    {
        var table = new Table().Border(TableBorder.Rounded).AddColumns("scenario", "description");
        foreach (var entry in catalog.Entries)
        {
            table.AddRow(Markup.Escape(entry.Name), Markup.Escape(entry.Description));
        }

        console.Write(table);
    }
}
