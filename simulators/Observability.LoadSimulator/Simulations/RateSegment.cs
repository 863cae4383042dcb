namespace Observability.LoadSimulator.Simulations;

/// <summary>A stretch of the open-model timeline where the rate (per second) moves linearly from <see cref="StartRate"/> to <see cref="EndRate"/>.</summary>
internal readonly record struct RateSegment(TimeSpan Start, TimeSpan Duration, double StartRate, double EndRate, bool IsWarmUp)
{
    public TimeSpan End => Start + Duration;

    /// <summary>Expected iterations between the segment start and <paramref name="elapsedSeconds"/> into it: the integral of the rate.</summary>
    public double CountAt(double elapsedSeconds)
    {
        var d = Duration.TotalSeconds;
        if (d <= 0)
        {
            return 0;
        }

        var tau = Math.Clamp(elapsedSeconds, 0, d);
        var slope = (EndRate - StartRate) / d;
        return (StartRate * tau) + (slope * tau * tau / 2);
    }

    public double RateAt(double elapsedSeconds)
    {
        var d = Duration.TotalSeconds;
        return d <= 0 ? StartRate : StartRate + ((EndRate - StartRate) * Math.Clamp(elapsedSeconds, 0, d) / d);
    }

    /// <summary>Seconds into the segment at which <paramref name="count"/> iterations are due (inverse of <see cref="CountAt"/>).</summary>
    public double TimeOf(double count)
    {
        if (count <= 0)
        {
            return 0;
        }

        var d = Duration.TotalSeconds;
        var slope = (EndRate - StartRate) / d;
        var discriminant = (StartRate * StartRate) + (2 * slope * count);
        // This form stays exact when StartRate is 0 and does not cancel when the slope is negative.
        var denominator = StartRate + Math.Sqrt(Math.Max(discriminant, 0));
        return denominator <= 0 ? d : Math.Min(2 * count / denominator, d);
    }
}
