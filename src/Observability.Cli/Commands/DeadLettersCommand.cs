using System.CommandLine;
using Observability.Cli.Commands.DeadLetters;

namespace Observability.Cli.Commands;

/// <summary><c>kit deadletters</c>: the DEADLETTER stream.</summary>
public static class DeadLettersCommand
{
    public static Command Create(KitConsole console) => new("deadletters", "List, show, replay and purge dead letters")
    {
        DeadLettersListCommand.Create(console),
        DeadLettersShowCommand.Create(console),
        DeadLettersReplayCommand.Create(console),
        DeadLettersPurgeCommand.Create(console),
    };
}
