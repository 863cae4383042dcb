using System.Globalization;
using System.Text;
using Observability.Contracts.Faults;

namespace Observability.LoadSimulator.Faults;

/// <summary>
/// One step of a scenario's fault timeline: a switch in <c>kit-faults</c> set at <see cref="At"/> and cleared
/// <see cref="Duration"/> later, or a broker restart run at <see cref="At"/>. Times are from the run start (warm-up
/// included). <see cref="ToString"/> gives the text form that <see cref="FaultStepParser"/> reads back.
/// </summary>
public sealed record FaultStep
{
    /// <summary>The kind of a step that restarts the broker instead of setting a switch.</summary>
    public const string BrokerRestart = "broker-restart";

    /// <summary>One of <see cref="FaultKinds"/>, or <see cref="BrokerRestart"/>.</summary>
    public required string Kind { get; init; }

    /// <summary>When the step starts, from the run start.</summary>
    public required TimeSpan At { get; init; }

    /// <summary>How long the switch stays set; for a broker restart, ignored (the command's own run time is the window).</summary>
    public TimeSpan Duration { get; init; }

    /// <summary>The durable consumer targeted, or <see cref="FaultSwitch.AllConsumers"/>.</summary>
    public string Consumer { get; init; } = FaultSwitch.AllConsumers;

    /// <summary>Chance per message, (0, 1].</summary>
    public double Probability { get; init; } = 1.0;

    /// <summary>Injections per processor replica before the switch is spent; null for no limit.</summary>
    public int? Amount { get; init; }

    /// <summary><c>slow</c>: delay per message; <c>stall</c>: how long the consumer stops pulling.</summary>
    public TimeSpan? Delay { get; init; }

    /// <summary><c>crash</c>: one of <see cref="CrashPoints"/>.</summary>
    public string? CrashPoint { get; init; }

    /// <summary>Only events of this CloudEvents type; null for every type.</summary>
    public string? EventType { get; init; }

    public bool IsBrokerRestart => Kind == BrokerRestart;

    /// <summary>The planned end: start plus duration (a broker restart's real end is when its command returns).</summary>
    public TimeSpan End => At + Duration;

    /// <summary>The switch this step puts into the bucket.</summary>
    public FaultSwitch ToSwitch(string id, DateTimeOffset createdAt, DateTimeOffset expiresAt, string setBy) => new()
    {
        Id = id,
        Kind = Kind,
        Consumer = Consumer,
        EventType = EventType,
        Probability = Probability,
        Amount = Amount,
        Delay = Delay,
        CrashPoint = CrashPoint,
        CreatedAt = createdAt,
        ExpiresAt = expiresAt,
        SetBy = setBy,
    };

    public override string ToString()
    {
        if (IsBrokerRestart)
        {
            return $"broker restart at {Seconds(At)}";
        }

        var text = new StringBuilder(Kind);
        if (Delay is { } delay)
        {
            text.Append(' ').Append(Seconds(delay));
        }

        if (CrashPoint is not null)
        {
            text.Append(' ').Append(CrashPoint);
        }

        if (Probability != 1)
        {
            text.Append(' ').Append((Probability * 100).ToString("0.###", CultureInfo.InvariantCulture)).Append('%');
        }

        if (Amount is { } amount)
        {
            text.Append(" x").Append(amount.ToString(CultureInfo.InvariantCulture));
        }

        text.Append(" on ").Append(Consumer == FaultSwitch.AllConsumers ? "all" : Consumer);
        if (EventType is not null)
        {
            text.Append(" type ").Append(EventType);
        }

        return text.Append(" at ").Append(Seconds(At)).Append(" for ").Append(Seconds(Duration)).ToString();
    }

    private static string Seconds(TimeSpan span) =>
        span.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture) + "s";
}
