using System.CommandLine;
using System.Globalization;
using Observability.Cli.Output;
using Observability.Operations.Faults;

namespace Observability.Cli.Commands.Faults;

/// <summary><c>kit faults list</c>: the active switches, soonest to expire first, with the time each has left.</summary>
public static class FaultsListCommand
{
    public static Command Create(KitConsole console)
    {
        var all = new Option<bool>("--all") { Description = "Include expired switches still in the bucket" };
        var command = new Command("list", "List the active fault switches and their time left") { all };
        KitAction.Set(command, console, async (parse, console, session, cancellationToken) =>
        {
            var now = DateTimeOffset.UtcNow;
            var faults = await new FaultSwitchboard(session.Js).ListAsync(parse.GetValue(all), cancellationToken);
            if (parse.GetValue(CommonOptions.Json))
            {
                await JsonOutput.WriteAsync(console.Out, faults.Select(f => new { Switch = f, SecondsLeft = Math.Max(0, (f.ExpiresAt - now).TotalSeconds) }));
                return ExitCodes.Ok;
            }

            if (faults.Count == 0)
            {
                await console.Out.WriteLineAsync("No active fault switches.");
                return ExitCodes.Ok;
            }

            var table = new TextTable("ID", "KIND", "CONSUMER", "EVENT TYPE", "PROBABILITY", "AMOUNT", "DELAY", "CRASH POINT", "TIME LEFT", "SET BY");
            foreach (var f in faults)
            {
                table.Add(f.Id, f.Kind, f.Consumer, f.EventType, f.Probability.ToString("0.###", CultureInfo.InvariantCulture),
                    f.Amount?.ToString(CultureInfo.InvariantCulture), Durations.Format(f.Delay), f.CrashPoint, Durations.Format(f.ExpiresAt - now), f.SetBy);
            }

            await table.WriteAsync(console.Out);
            return ExitCodes.Ok;
        });
        return command;
    }
}
