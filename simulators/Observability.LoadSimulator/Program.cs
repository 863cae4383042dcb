using Observability.LoadSimulator.Cli;
using Observability.LoadSimulator.Scenarios;
using Spectre.Console;

using var stop = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    // First Ctrl+C aborts gracefully (drain, reports, exit code 2); a second one kills the process.
    e.Cancel = !stop.IsCancellationRequested;
    stop.Cancel();
};

return await CliApp.RunAsync(args, ScenarioCatalog.CreateDefault(), AnsiConsole.Console, stop.Token);
