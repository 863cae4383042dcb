using System.CommandLine;
using Observability.Operations.DeadLetters;

namespace Observability.Cli.Commands.DeadLetters;

/// <summary>The filter options the dead-letter commands share: a fresh set per command (an option belongs to one command).</summary>
public sealed class DeadLetterOptions
{
    public Option<string?> Stream { get; } = new("--stream") { Description = "Source stream, e.g. ORDERS" };

    public Option<string?> Consumer { get; } = new("--consumer") { Description = "Consumer that dead-lettered it, e.g. order-summary" };

    public Option<string?> Reason { get; } = new("--reason") { Description = "unreadable, unknown_type, schema_invalid, max_deliveries or rejected" };

    public void AddTo(Command command)
    {
        command.Options.Add(Stream);
        command.Options.Add(Consumer);
        command.Options.Add(Reason);
    }

    public DeadLetterFilter Filter(ParseResult parse) => new()
    {
        Stream = parse.GetValue(Stream)?.ToUpperInvariant(),
        Consumer = parse.GetValue(Consumer),
        Reason = parse.GetValue(Reason),
    };
}
