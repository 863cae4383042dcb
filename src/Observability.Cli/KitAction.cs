using System.CommandLine;

namespace Observability.Cli;

/// <summary>
/// Wraps a command's body: connects to the broker, hands it the console and the session, and turns the kit's
/// exceptions into exit codes (usage 2, broker unreachable 3), so every command behaves the same.
/// </summary>
public static class KitAction
{
    public delegate Task<int> Body(ParseResult parse, KitConsole console, KitSession session, CancellationToken cancellationToken);

    public static void Set(Command command, KitConsole console, Body body) =>
        command.SetAction(async (parse, cancellationToken) =>
        {
            try
            {
                await using var session = await KitSession.ConnectAsync(parse.GetValue(CommonOptions.Nats)!, cancellationToken);
                return await body(parse, console, session, cancellationToken);
            }
            catch (UsageException ex)
            {
                await console.Error.WriteLineAsync($"{command.Name}: {ex.Message}");
                return ExitCodes.Usage;
            }
            catch (BrokerUnreachableException ex)
            {
                await console.Error.WriteLineAsync(ex.Message);
                return ExitCodes.BrokerUnreachable;
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return ExitCodes.Ok;
            }
            catch (Exception ex) when (ex is NATS.Client.JetStream.NatsJSException or NATS.Client.Core.NatsException)
            {
                // A missing stream or bucket is the usual cause: say so in one line rather than with a stack trace.
                await console.Error.WriteLineAsync($"{command.Name}: the broker refused: {ex.Message} (is the kit's topology created? every kit service creates it at start)");
                return ExitCodes.Failed;
            }
        });
}
