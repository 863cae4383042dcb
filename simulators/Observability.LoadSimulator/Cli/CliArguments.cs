using System.Globalization;
using Observability.LoadSimulator.Config;
using Observability.LoadSimulator.Simulations;

namespace Observability.LoadSimulator.Cli;

/// <summary>
/// A small parser: <c>command positional... --name value --flag --name=value</c>; <c>--set k=v</c> and <c>--fault</c> may repeat.
/// Unknown options are errors, so a typo never silently runs the default load.
/// </summary>
internal sealed class CliArguments
{
    private readonly Dictionary<string, string?> _options = new(StringComparer.Ordinal);
    private readonly HashSet<string> _used = new(StringComparer.Ordinal);

    private CliArguments(string command) => Command = command;

    public string Command { get; }

    public List<string> Positional { get; } = [];

    public Dictionary<string, string> Settings { get; } = new(StringComparer.Ordinal);

    /// <summary>Every <c>--fault "&lt;step&gt;"</c>, in order.</summary>
    public List<string> Faults { get; } = [];

    public static CliArguments Parse(IReadOnlyList<string> args, IReadOnlySet<string> flags)
    {
        var parsed = new CliArguments(args.Count == 0 ? "help" : args[0]);
        for (var i = 1; i < args.Count; i++)
        {
            var arg = args[i];
            if (!arg.StartsWith("--", StringComparison.Ordinal))
            {
                parsed.Positional.Add(arg);
                continue;
            }

            var name = arg[2..];
            string? value = null;
            var equals = name.IndexOf('=', StringComparison.Ordinal);
            if (equals >= 0)
            {
                value = name[(equals + 1)..];
                name = name[..equals];
            }
            else if (!flags.Contains(name))
            {
                value = i + 1 < args.Count ? args[++i] : throw new InvalidLoadSimulationException($"--{name} needs a value.");
            }

            if (name == "set")
            {
                var pair = value ?? string.Empty;
                var split = pair.IndexOf('=', StringComparison.Ordinal);
                if (split <= 0)
                {
                    throw new InvalidLoadSimulationException($"--set expects key=value, got '{pair}'.");
                }

                parsed.Settings[pair[..split]] = pair[(split + 1)..];
                continue;
            }

            if (name == "fault")
            {
                parsed.Faults.Add(value ?? string.Empty);
                continue;
            }

            parsed._options[name] = value;
        }

        return parsed;
    }

    public bool Has(string name)
    {
        _used.Add(name);
        return _options.ContainsKey(name);
    }

    public string? String(string name)
    {
        _used.Add(name);
        return _options.TryGetValue(name, out var value) ? value : null;
    }

    public double? Double(string name) => String(name) is { } text
        ? double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) ? value : throw new InvalidLoadSimulationException($"--{name} must be a number, got '{text}'.")
        : null;

    public int? Int(string name) => String(name) is { } text
        ? int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : throw new InvalidLoadSimulationException($"--{name} must be an integer, got '{text}'.")
        : null;

    public TimeSpan? Duration(string name) => String(name) is { } text ? DurationParser.Parse(text) : null;

    /// <summary>Call after reading every option: anything not read is a typo.</summary>
    public void RejectUnknown()
    {
        var unknown = _options.Keys.Where(k => !_used.Contains(k)).ToList();
        if (unknown.Count > 0)
        {
            throw new InvalidLoadSimulationException($"Unknown option(s) for '{Command}': {string.Join(", ", unknown.Select(u => "--" + u))}. Run 'loadsim help'.");
        }
    }
}
