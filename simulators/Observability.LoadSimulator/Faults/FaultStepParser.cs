using System.Globalization;
using Observability.Contracts.Faults;
using Observability.LoadSimulator.Config;
using Observability.LoadSimulator.Simulations;

namespace Observability.LoadSimulator.Faults;

/// <summary>
/// Reads a fault step written as a sentence, the form the config and <c>--fault</c> take:
/// <list type="bullet">
/// <item><c>exception 20% on order-summary at 20s for 30s</c></item>
/// <item><c>fail-after-write 10% x50 on order-summary at 40s for 15s</c> (<c>xN</c>: at most N injections per replica)</item>
/// <item><c>slow 35s on order-summary at 60s for 10s</c>, <c>stall 10s on order-summary at 90s for 10s</c> (the delay follows the kind)</item>
/// <item><c>crash after-write of the processors at 60s</c> (<c>for</c> defaults to 5 s, <c>x1</c> per replica)</item>
/// <item><c>broker restart at 90s</c></item>
/// </list>
/// Words are case-insensitive; <c>20 s</c> and <c>20s</c> are the same; <c>type &lt;event type&gt;</c> narrows to one event type.
/// </summary>
public static class FaultStepParser
{
    /// <summary>How long a crash switch stays set when no <c>for</c> is given: long enough for every replica to see a message.</summary>
    public static readonly TimeSpan DefaultCrashWindow = TimeSpan.FromSeconds(5);

    private static readonly string[] Units = ["ms", "s", "sec", "secs", "second", "seconds", "m", "min", "minutes", "h"];

    /// <summary>Parses and validates one step; the error names the step and what is wrong.</summary>
    public static FaultStep Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var tokens = text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        if (tokens.Length == 0)
        {
            throw Error(text, "the step is empty.");
        }

        var i = 0;
        string kind;
        if (Is(tokens[0], "broker") && tokens.Length > 1 && Is(tokens[1], "restart"))
        {
            kind = FaultStep.BrokerRestart;
            i = 2;
        }
        else
        {
            kind = tokens[0].ToLowerInvariant();
            i = 1;
            if (kind != FaultStep.BrokerRestart && !FaultKinds.All.Contains(kind))
            {
                throw Error(text, $"unknown fault kind '{tokens[0]}'; use one of {string.Join(", ", FaultKinds.All)} or 'broker restart'.");
            }
        }

        TimeSpan? at = null;
        TimeSpan? duration = null;
        TimeSpan? delay = null;
        double? probability = null;
        int? amount = null;
        string? consumer = null;
        string? crashPoint = null;
        string? eventType = null;
        while (i < tokens.Length)
        {
            var token = tokens[i];
            var lower = token.ToLowerInvariant();
            if (lower == "at")
            {
                at = ReadDuration(text, tokens, ref i, "at");
            }
            else if (lower == "for")
            {
                duration = ReadDuration(text, tokens, ref i, "for");
            }
            else if (lower is "on" or "of")
            {
                consumer = ReadConsumer(text, tokens, ref i);
            }
            else if (lower == "type")
            {
                eventType = i + 1 < tokens.Length ? tokens[i + 1] : throw Error(text, "'type' needs an event type.");
                i += 2;
            }
            else if (lower.EndsWith('%'))
            {
                probability = double.TryParse(lower[..^1], NumberStyles.Float, CultureInfo.InvariantCulture, out var percent)
                    ? percent / 100
                    : throw Error(text, $"'{token}' is not a percentage.");
                i++;
            }
            else if (lower.StartsWith('x') && lower.Length > 1)
            {
                amount = int.TryParse(lower[1..], NumberStyles.Integer, CultureInfo.InvariantCulture, out var n)
                    ? n
                    : throw Error(text, $"'{token}' is not an amount; write xN, e.g. x10.");
                i++;
            }
            else if (CrashPoints.All.Contains(lower))
            {
                crashPoint = lower;
                i++;
            }
            else if (char.IsDigit(lower[0]) && delay is null && at is null && duration is null)
            {
                // The delay of slow/stall follows the kind: "slow 35s on ...".
                delay = ReadDuration(text, tokens, ref i, null);
            }
            else
            {
                throw Error(text, $"did not expect '{token}'; a step reads like 'exception 20% on order-summary at 20s for 30s'.");
            }
        }

        if (at is null)
        {
            throw Error(text, "'at <time>' is required, e.g. 'at 20s'.");
        }

        var step = new FaultStep
        {
            Kind = kind,
            At = at.Value,
            Duration = duration ?? (kind == FaultKinds.Crash ? DefaultCrashWindow : kind == FaultKinds.Stall && delay is { } d ? d : TimeSpan.Zero),
            Consumer = consumer ?? FaultSwitch.AllConsumers,
            Probability = probability ?? 1,
            Amount = amount ?? (kind == FaultKinds.Crash ? 1 : null),
            Delay = delay,
            CrashPoint = crashPoint,
            EventType = eventType,
        };
        if (kind != FaultStep.BrokerRestart && kind != FaultKinds.Crash && duration is null && !(kind == FaultKinds.Stall && delay is not null))
        {
            throw Error(text, "'for <duration>' is required, e.g. 'for 30s' (a switch must clear itself).");
        }

        return FaultTimeline.Problem(step) is { } problem ? throw Error(text, problem) : step;
    }

    private static string ReadConsumer(string text, string[] tokens, ref int i)
    {
        // "on order-summary", "on all", "of the processors" (every consumer).
        i++;
        if (i < tokens.Length && Is(tokens[i], "the"))
        {
            i++;
        }

        if (i >= tokens.Length)
        {
            throw Error(text, "'on' needs a consumer name, e.g. 'on order-summary' or 'on all'.");
        }

        var name = tokens[i++];
        return Is(name, "all") || Is(name, "processors") || name == FaultSwitch.AllConsumers ? FaultSwitch.AllConsumers : name;
    }

    private static TimeSpan ReadDuration(string text, string[] tokens, ref int i, string? keyword)
    {
        if (keyword is not null)
        {
            i++;
        }

        if (i >= tokens.Length)
        {
            throw Error(text, $"'{keyword}' needs a time, e.g. '{keyword} 20s'.");
        }

        var value = tokens[i++];
        // "20 s": a bare number followed by a unit word.
        if (i < tokens.Length && double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out _)
            && Units.Contains(tokens[i].ToLowerInvariant()))
        {
            value += Normalise(tokens[i++].ToLowerInvariant());
        }

        try
        {
            return DurationParser.Parse(value);
        }
        catch (InvalidLoadSimulationException)
        {
            throw Error(text, $"'{value}' is not a time; use e.g. 500ms, 20s, 2m or 20 s.");
        }
    }

    private static string Normalise(string unit) => unit switch
    {
        "ms" => "ms",
        "m" or "min" or "minutes" => "m",
        "h" => "h",
        _ => "s",
    };

    private static bool Is(string token, string word) => string.Equals(token, word, StringComparison.OrdinalIgnoreCase);

    private static InvalidLoadSimulationException Error(string text, string problem) => new($"fault step '{text}': {problem}");
}
