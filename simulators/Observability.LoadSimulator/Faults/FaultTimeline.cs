using System.Text.RegularExpressions;
using Observability.Contracts.Faults;
using Observability.LoadSimulator.Simulations;

namespace Observability.LoadSimulator.Faults;

/// <summary>Checks fault steps before a run, so a bad timeline is a usage error (exit code 3), never a half-run chaos test.</summary>
public static partial class FaultTimeline
{
    /// <summary>A switch must clear itself, and a timeline step longer than this is almost certainly a typo.</summary>
    public static readonly TimeSpan MaxDuration = TimeSpan.FromHours(1);

    /// <summary>Validates every step (where names the source, e.g. <c>$.scenarios[0].faults</c>) and returns them ordered by start.</summary>
    public static IReadOnlyList<FaultStep> Validate(IEnumerable<FaultStep> steps, string where)
    {
        ArgumentNullException.ThrowIfNull(steps);
        var list = steps.ToList();
        for (var i = 0; i < list.Count; i++)
        {
            if (Problem(list[i]) is { } problem)
            {
                throw new InvalidLoadSimulationException($"{where}[{i}] '{list[i]}': {problem}");
            }
        }

        return [.. list.OrderBy(s => s.At)];
    }

    /// <summary>What is wrong with one step, or null when it is valid.</summary>
    public static string? Problem(FaultStep step)
    {
        ArgumentNullException.ThrowIfNull(step);
        if (step.At < TimeSpan.Zero)
        {
            return "'at' must not be negative.";
        }

        if (step.IsBrokerRestart)
        {
            return step.Duration != TimeSpan.Zero || step.Delay is not null || step.CrashPoint is not null || step.Amount is not null
                || step.EventType is not null || step.Probability != 1 || step.Consumer != FaultSwitch.AllConsumers
                ? "a broker restart takes only 'at': its window is the time its command takes."
                : null;
        }

        if (!FaultKinds.All.Contains(step.Kind))
        {
            return $"unknown fault kind '{step.Kind}'; use one of {string.Join(", ", FaultKinds.All)} or 'broker restart'.";
        }

        if (step.Duration <= TimeSpan.Zero || step.Duration > MaxDuration)
        {
            return "'for' must be more than 0 s and at most 1 h (a switch must clear itself).";
        }

        if (step.Probability is <= 0 or > 1 || double.IsNaN(step.Probability))
        {
            return "the probability must be more than 0 % and at most 100 %.";
        }

        if (step.Amount is < 1)
        {
            return "the amount (xN) must be at least 1.";
        }

        if (step.Consumer != FaultSwitch.AllConsumers && !NamePattern().IsMatch(step.Consumer))
        {
            return $"consumer '{step.Consumer}' is not a consumer name (letters, digits, '-' and '_').";
        }

        if (step.Kind is FaultKinds.Slow or FaultKinds.Stall)
        {
            if (step.Delay is not { } delay || delay <= TimeSpan.Zero || delay > MaxDuration)
            {
                return $"'{step.Kind}' needs a delay above 0 s and at most 1 h, e.g. '{step.Kind} 5s on order-summary at 10s for 20s'.";
            }
        }
        else if (step.Delay is not null)
        {
            return $"a delay applies only to slow and stall, not to '{step.Kind}'.";
        }

        if (step.CrashPoint is not null && (step.Kind != FaultKinds.Crash || !CrashPoints.All.Contains(step.CrashPoint)))
        {
            return step.Kind != FaultKinds.Crash
                ? $"a crash point applies only to crash, not to '{step.Kind}'."
                : $"unknown crash point '{step.CrashPoint}'; use {string.Join(" or ", CrashPoints.All)}.";
        }

        return null;
    }

    [GeneratedRegex("^[A-Za-z0-9_-]+$")]
    private static partial Regex NamePattern();
}
