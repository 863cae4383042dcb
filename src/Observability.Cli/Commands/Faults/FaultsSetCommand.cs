using System.CommandLine;
using Observability.Cli.Output;
using Observability.Contracts.Faults;
using Observability.Operations.Faults;

namespace Observability.Cli.Commands.Faults;

/// <summary><c>kit faults set &lt;kind&gt;</c>: writes one validated switch; it clears itself when it expires.</summary>
public static class FaultsSetCommand
{
    public static Command Create(KitConsole console)
    {
        var kind = new Argument<string>("kind") { Description = $"One of: {string.Join(", ", FaultKinds.All)}" };
        var id = new Option<string?>("--id") { Description = "Switch id (default: <kind>-<random>)" };
        var consumer = new Option<string>("--consumer") { Description = "Durable consumer it targets, or * for all", DefaultValueFactory = _ => FaultSwitch.AllConsumers };
        var eventType = new Option<string?>("--event-type") { Description = "Only events of this type, e.g. orders.order-placed.v1" };
        var probability = new Option<double>("--probability") { Description = "Chance per message, above 0 and at most 1", DefaultValueFactory = _ => 1.0 };
        var amount = new Option<int?>("--amount") { Description = "At most this many injections per replica (default: no limit)" };
        var delay = new Option<string?>("--delay") { Description = "slow: delay per message; stall: how long to stop pulling (e.g. 2s)" };
        var crashPoint = new Option<string?>("--crash-point") { Description = $"crash: {string.Join(" or ", CrashPoints.All)} (default {CrashPoints.BeforeWrite})" };
        var expires = new Option<string>("--expires") { Description = "Lifetime of the switch, at most 24h", DefaultValueFactory = _ => "5m" };
        var setBy = new Option<string?>("--set-by") { Description = "Who sets it (default: $USER)" };
        var command = new Command("set", "Set a fault switch") { kind, id, consumer, eventType, probability, amount, delay, crashPoint, expires, setBy };
        KitAction.Set(command, console, async (parse, console, session, cancellationToken) =>
        {
            var now = DateTimeOffset.UtcNow;
            var kindValue = parse.GetValue(kind)!;
            var fault = new FaultSwitch
            {
                Id = parse.GetValue(id) ?? $"{kindValue}-{Guid.NewGuid():N}"[..(kindValue.Length + 7)],
                Kind = kindValue,
                Consumer = parse.GetValue(consumer)!,
                EventType = parse.GetValue(eventType),
                Probability = parse.GetValue(probability),
                Amount = parse.GetValue(amount),
                Delay = parse.GetValue(delay) is { } d ? Durations.Parse(d, "--delay") : null,
                CrashPoint = parse.GetValue(crashPoint),
                CreatedAt = now,
                ExpiresAt = now + Durations.Parse(parse.GetValue(expires)!, "--expires"),
                SetBy = parse.GetValue(setBy) ?? Environment.GetEnvironmentVariable("USER") ?? "kit",
            };
            var problems = FaultSwitchValidation.Problems(fault);
            if (problems.Count > 0)
            {
                throw new UsageException(string.Join("; ", problems));
            }

            await new FaultSwitchboard(session.Js).SetAsync(fault, cancellationToken);
            if (parse.GetValue(CommonOptions.Json))
            {
                await JsonOutput.WriteAsync(console.Out, fault);
            }
            else
            {
                await console.Out.WriteLineAsync($"Set {fault.Id}: {fault.Kind} on {fault.Consumer}, expires in {Durations.Format(fault.ExpiresAt - now)} ({fault.ExpiresAt:u}).");
            }

            return ExitCodes.Ok;
        });
        return command;
    }
}
