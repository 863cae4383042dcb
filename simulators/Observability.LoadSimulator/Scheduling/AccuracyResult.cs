namespace Observability.LoadSimulator.Scheduling;

/// <summary>How closely the generator kept a fixed inject rate on real time.</summary>
public sealed record AccuracyResult
{
    public double TargetRate { get; init; }

    public long Intended { get; init; }

    public long Started { get; init; }

    public long Dropped { get; init; }

    /// <summary>Started divided by the time from the run start to the last start plus one inter-arrival gap.</summary>
    public double AchievedRate { get; init; }

    /// <summary>generator_accuracy = achieved / target (1.0 is perfect).</summary>
    public double Accuracy => TargetRate == 0 ? 0 : AchievedRate / TargetRate;

    /// <summary>Lowest achieved rate of any full one-second interval, as a share of the target.</summary>
    public double WorstIntervalAccuracy { get; init; }

    public double StartLagP50Ms { get; init; }

    public double StartLagP99Ms { get; init; }

    public double StartLagMaxMs { get; init; }
}
