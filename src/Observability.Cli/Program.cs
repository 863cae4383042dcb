using Observability.Cli;

using var cancel = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    // Ctrl-C ends a watch or a wait cleanly instead of killing the process mid-write.
    e.Cancel = true;
    cancel.Cancel();
};

return await KitCli.RunAsync(args, new KitConsole(Console.Out, Console.Error, Console.IsOutputRedirected), cancel.Token);
