using Observability.LoadSimulator.Faults;
using Observability.LoadSimulator.Plugins;

namespace Observability.LoadSimulator.Tests.Faults;

public sealed class LagRecoveryTests
{
    [Fact]
    public void A_zero_that_lag_rises_from_again_is_not_the_recovery()
    {
        // As after a broker restart: lag reads 0 for a moment, grows while the consumers have no pull, then drains.
        SeriesPoint[] lag = [new(100, 70), new(110, 0), new(112, 0), new(113, 20), new(130, 500), new(140, 0), new(145, 0)];

        Assert.Equal(30, LagRecovery.SecondsToZero(lag, lastFaultEnd: 110));
    }

    [Fact]
    public void A_series_that_does_not_end_at_zero_has_not_recovered()
    {
        SeriesPoint[] lag = [new(100, 0), new(105, 3), new(110, 9)];

        Assert.Null(LagRecovery.SecondsToZero(lag, lastFaultEnd: 100));
    }

    [Fact]
    public void Lag_already_at_zero_when_the_last_fault_ends_recovered_at_once()
    {
        SeriesPoint[] lag = [new(90, 40), new(100, 0), new(101, 0)];

        Assert.Equal(0, LagRecovery.SecondsToZero(lag, lastFaultEnd: 100));
    }
}
