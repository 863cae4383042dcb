using System.Text.RegularExpressions;
using Observability.Contracts.Events;
using Observability.Contracts.Faults;

namespace Observability.Operations.Faults;

/// <summary>What makes a <see cref="FaultSwitch"/> acceptable to the switchboard: every problem, each in one sentence.</summary>
public static partial class FaultSwitchValidation
{
    /// <summary>Longest expiry accepted: a switch is for an experiment, not a standing configuration.</summary>
    public static readonly TimeSpan MaxExpiry = TimeSpan.FromHours(24);

    public static IReadOnlyList<string> Problems(FaultSwitch fault)
    {
        var problems = new List<string>();
        if (!IdPattern().IsMatch(fault.Id))
        {
            problems.Add($"id '{fault.Id}' must be 1 to 64 letters, digits, '-' or '_'");
        }

        if (!FaultKinds.All.Contains(fault.Kind, StringComparer.Ordinal))
        {
            problems.Add($"kind '{fault.Kind}' is not one of {string.Join(", ", FaultKinds.All)}");
        }

        if (fault.Consumer != FaultSwitch.AllConsumers && !IdPattern().IsMatch(fault.Consumer))
        {
            problems.Add($"consumer '{fault.Consumer}' must be a durable name (letters, digits, '-', '_') or '{FaultSwitch.AllConsumers}'");
        }

        if (fault.EventType is not null && !EventCatalog.TryGet(fault.EventType, out _))
        {
            problems.Add($"event type '{fault.EventType}' is not a known type ({string.Join(", ", EventCatalog.All.Select(t => t.Name))})");
        }

        if (double.IsNaN(fault.Probability) || fault.Probability <= 0 || fault.Probability > 1)
        {
            problems.Add($"probability {fault.Probability} must be above 0 and at most 1");
        }

        if (fault.Amount is <= 0)
        {
            problems.Add($"amount {fault.Amount} must be at least 1 (or left out for no limit)");
        }

        var needsDelay = fault.Kind is FaultKinds.Slow or FaultKinds.Stall;
        if (needsDelay && fault.Delay is null)
        {
            problems.Add($"kind {fault.Kind} needs a delay (e.g. --delay 2s)");
        }
        else if (fault.Delay is { } delay && delay <= TimeSpan.Zero)
        {
            problems.Add($"delay {delay} must be above 0");
        }
        else if (!needsDelay && fault.Delay is not null)
        {
            problems.Add($"delay applies only to {FaultKinds.Slow} and {FaultKinds.Stall}");
        }

        if (fault.CrashPoint is not null && fault.Kind != FaultKinds.Crash)
        {
            problems.Add($"crash point applies only to {FaultKinds.Crash}");
        }
        else if (fault.CrashPoint is not null && !CrashPoints.All.Contains(fault.CrashPoint, StringComparer.Ordinal))
        {
            problems.Add($"crash point '{fault.CrashPoint}' is not one of {string.Join(", ", CrashPoints.All)}");
        }

        var lifetime = fault.ExpiresAt - fault.CreatedAt;
        if (lifetime <= TimeSpan.Zero)
        {
            problems.Add("expiry must be in the future");
        }
        else if (lifetime > MaxExpiry)
        {
            problems.Add($"expiry {lifetime} is longer than the {MaxExpiry.TotalHours:0} h a switch may live");
        }

        return problems;
    }

    [GeneratedRegex("^[A-Za-z0-9_-]{1,64}$")]
    private static partial Regex IdPattern();
}
