using System.CommandLine;
using Observability.LoadSimulator.Config;
using Observability.LoadSimulator.Simulations;

namespace Observability.LoadSimulator.Cli;

/// <summary>Option shapes the commands share: durations as "500ms", "30s", "2m", and <c>key=value</c> pairs.</summary>
internal static class CliOptions
{
    /// <summary>A duration option, checked at parse time with the one <see cref="DurationParser"/>.</summary>
    public static Option<TimeSpan?> Duration(string name, string description) => new(name)
    {
        Description = description,
        HelpName = "d",
        CustomParser = result =>
        {
            try
            {
                return DurationParser.Parse(result.Tokens[0].Value);
            }
            catch (InvalidLoadSimulationException ex)
            {
                result.AddError($"{name}: {ex.Message}");
                return null;
            }
        },
    };

    /// <summary>A repeatable <c>--set key=value</c>; the last value of a key wins.</summary>
    public static Option<string[]> Pairs(string name, string description)
    {
        var option = new Option<string[]>(name) { Description = description, HelpName = "key=value" };
        option.Validators.Add(result =>
        {
            foreach (var token in result.Tokens.Where(t => t.Value.IndexOf('=', StringComparison.Ordinal) <= 0))
            {
                result.AddError($"{name} expects key=value, got '{token.Value}'.");
            }
        });
        return option;
    }

    public static Dictionary<string, string> ToDictionary(string[]? pairs)
    {
        var settings = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var pair in pairs ?? [])
        {
            var split = pair.IndexOf('=', StringComparison.Ordinal);
            settings[pair[..split]] = pair[(split + 1)..];
        }

        return settings;
    }

    /// <summary>Parses with <paramref name="command"/>; a command line that does not parse throws with the parser's messages.</summary>
    public static ParseResult ParseOrThrow(Command command, IReadOnlyList<string> args)
    {
        var parse = command.Parse(args);
        return parse.Errors.Count == 0
            ? parse
            : throw new InvalidLoadSimulationException(string.Join(" ", parse.Errors.Select(e => e.Message)));
    }
}
