using System.CommandLine;
using Observability.Cli.Commands.Faults;

namespace Observability.Cli.Commands;

/// <summary><c>kit faults</c>: the fault switchboard (KV <c>kit-faults</c>) and poison messages.</summary>
public static class FaultsCommand
{
    public static Command Create(KitConsole console) => new("faults", "Set, list and clear fault switches the processors obey; publish poison messages")
    {
        FaultsListCommand.Create(console),
        FaultsSetCommand.Create(console),
        FaultsClearCommand.Create(console),
        FaultsPoisonCommand.Create(console),
    };
}
