using System.Text.Json;

namespace Observability.Cli.Tests.Commands;

/// <summary>Runs the kit CLI in-process against the test's nats-server and captures what it wrote.</summary>
internal sealed record KitRun(int ExitCode, string Out, string Error)
{
    public static async Task<KitRun> RunAsync(string natsUrl, params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exit = await KitCli.RunAsync([.. args, "--nats", natsUrl], new KitConsole(output, error, OutputRedirected: true), CancellationToken.None);
        return new KitRun(exit, output.ToString(), error.ToString());
    }

    public JsonElement Json => JsonDocument.Parse(Out).RootElement;

    public override string ToString() => $"exit {ExitCode}\nout: {Out}\nerr: {Error}";
}
