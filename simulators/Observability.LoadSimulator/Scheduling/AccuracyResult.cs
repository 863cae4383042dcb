namespace Observability.LoadSimulator.Scheduling;

/// <summary>How closely the generator kept a fixed inject rate on real time.</summary>
/// <param name="TargetRate">The inject rate asked for, per second.</param>
/// <param name="Intended">Iterations the schedule asked for.</param>
/// <param name="Started">Iterations that ran.</param>
/// <param name="Dropped">Iterations over the in-flight cap.</param>
/// <param name="AchievedRate">Started divided by the time from the run start to the last start plus one inter-arrival gap.</param>
/// <param name="WorstIntervalAccuracy">Lowest achieved rate of any full one-second interval, as a share of the target.</param>
/// <param name="StartLagP50Ms">Median of actual minus intended start.</param>
/// <param name="StartLagP99Ms">p99 of actual minus intended start.</param>
/// <param name="StartLagMaxMs">Worst actual minus intended start.</param>
public sealed record AccuracyResult(
    double TargetRate,
    long Intended,
    long Started,
    long Dropped,
    double AchievedRate,
    double WorstIntervalAccuracy,
    double StartLagP50Ms,
    double StartLagP99Ms,
    double StartLagMaxMs)
{
    /// <summary>generator_accuracy = achieved / target (1.0 is perfect).</summary>
    public double Accuracy => TargetRate == 0 ? 0 : AchievedRate / TargetRate;
}
